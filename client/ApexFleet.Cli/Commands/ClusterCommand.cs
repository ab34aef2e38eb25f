using System.CommandLine;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;

namespace ApexFleet.Cli.Commands;

/// <summary>A command that talks to a running cluster: connection options, --json, and errors as one line.</summary>
public static class ClusterCommand
{
    /// <summary>
    /// A command whose action asks the cluster for a <typeparamref name="T"/>, then prints it as JSON
    /// (<c>--json</c>, <see cref="FleetJson"/>) or for people with <paramref name="print"/>.
    /// </summary>
    public static Command Create<T>(string name, string description, Func<ParseResult, IClusterClient, Task<T>> act, Action<T> print, params Argument[] arguments) =>
        Create(name, description, Task.FromResult, act, print, arguments);

    /// <summary>
    /// As above, with the command's input (a manifest) read and checked by <paramref name="read"/>
    /// before connecting, so bad input is exit code 2 whether or not a cluster is up.
    /// </summary>
    public static Command Create<TInput, T>(
        string name, string description, Func<ParseResult, Task<TInput>> read, Func<TInput, IClusterClient, Task<T>> act, Action<T> print, params Argument[] arguments)
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command(name, description);
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        command.Options.Add(json);
        var connect = ClientOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var input = await read(parse);
                await using var cluster = await connect(parse, cancellationToken);
                var result = await act(input, cluster.Client);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(result, FleetJson.Options));
                }
                else
                {
                    print(result);
                }

                return ExitCodes.Ok;
            }
            catch (ClusterUnavailableException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Unavailable;
            }
            catch (ManifestException ex)
            {
                return ManifestErrors.Report(ex, "manifest");
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
