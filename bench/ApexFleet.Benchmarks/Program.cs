using System.CommandLine;
using System.CommandLine.Help;
using ApexFleet.Benchmarks;
using ApexFleet.Cli;

// `./apexfleet bench ...` hands its whole command line here. The root is named after the CLI rather
// than this assembly, so usage and errors read `apexfleet bench ...`, the command people type.
var root = new Command("apexfleet", "ApexFleet benchmarks.")
{
    new HelpOption(),
    BenchCommand.Create(),
};

// As in the CLI: a wrong option is one error line and bad input (exit code 2), not a failed run (1).
return await CliApp.RunAsync(root, args);
