using ApexFleet.Cli;

// apexfleet: the fleet controller's and the fleet simulator's command line (commands in CliApp).
return await CliApp.RunAsync(args);
