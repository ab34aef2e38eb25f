using Npgsql;

namespace ApexFleet.Silo.Database;

/// <summary>The PostgreSQL side of durable mode: checking it is reachable, and laying down the schema.</summary>
public static class FleetDatabase
{
    public static string Schema()
    {
        using var stream = typeof(FleetDatabase).Assembly.GetManifestResourceStream("orleans-postgresql.sql")
            ?? throw new InvalidOperationException("the Orleans PostgreSQL schema is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Applies the schema; safe to run any number of times.</summary>
    public static async Task InitializeAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(Schema(), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Opens a connection and checks the Orleans tables are there, turning every failure into one
    /// sentence a person can act on.
    /// </summary>
    public static async Task<string?> ProblemAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(connectionString, cancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery", connection);
            var queries = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
            return queries == 0 ? $"database {Describe(connectionString)} has an empty OrleansQuery table; run: ./apexfleet db init --connection \"...\"" : null;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return $"database {Describe(connectionString)} has no Orleans schema; run: ./apexfleet db init --connection \"...\"";
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException or InvalidOperationException)
        {
            return $"cannot use PostgreSQL at {Describe(connectionString)}: {ex.Message}";
        }
    }

    /// <summary>Connections one silo may hold unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 32;

    /// <summary>
    /// Caps the connection pool: thousands of grain activations in flight would otherwise each take a
    /// connection (Npgsql's default allows 100 per process) and a few silos exhaust the server.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }

    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = 5;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
