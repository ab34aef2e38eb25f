namespace ApexFleet.Integration.Tests.Support;

/// <summary>The PostgreSQL that `./apexfleet test` starts for this run (see scripts/postgres.sh).</summary>
public static class TestPostgres
{
    public const string Variable = "APEXFLEET_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: run the tests through `./apexfleet test`, which starts a PostgreSQL for them");
}
