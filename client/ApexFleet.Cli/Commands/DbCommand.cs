using System.CommandLine;
using ApexFleet.Silo.Database;

namespace ApexFleet.Cli.Commands;

public static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Manage the PostgreSQL database of durable mode.");
        var connection = ClientOptions.Connection();
        var init = new Command("init", "Create or update the Orleans clustering and storage schema (idempotent: safe to run again).") { connection };
        init.SetAction(async (parse, cancellationToken) =>
        {
            var cs = parse.GetValue(connection);
            if (string.IsNullOrWhiteSpace(cs))
            {
                Console.Error.WriteLine("error: --connection (or APEXFLEET_CONNECTION) is required, e.g. \"Host=127.0.0.1;Port=5432;Database=apexfleet;Username=postgres\"");
                return ExitCodes.BadInput;
            }

            try
            {
                await FleetDatabase.InitializeAsync(cs, cancellationToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or ArgumentException or TimeoutException)
            {
                Console.Error.WriteLine($"error: cannot initialise PostgreSQL at {FleetDatabase.Describe(cs)}: {ex.Message}");
                return ExitCodes.Unavailable;
            }

            Console.WriteLine($"Schema applied to {FleetDatabase.Describe(cs)}");
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(init);
        return command;
    }
}
