using System.CommandLine;
using ApexFleet.Agent.Link;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// <c>apexfleet device credential ID</c>: an admin issues a phone's credential, which the agent then
/// gives with every report and download. Printed once, never stored by the silo.
/// </summary>
public static class DeviceCredentialCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The device id the credential is for (the agent's --device-id)." };
        var replace = new Option<bool>("--replace") { Description = "Issue a new credential for a device that has one; the old one stops working." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the credential to this file (readable by its owner only) instead of stdout: the agent's --credential." };
        var url = TokenCommand.UrlOption();
        var token = TokenCommand.Option();
        var command = new Command("credential", "Issue a device's credential (an admin token): print it on its own line, or write it to --out for the agent's --credential.")
        {
            id, replace, output, url, token,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                return Fail($"--url: '{parse.GetValue(url)}' is not an http(s) address", ExitCodes.BadInput);
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(token)))
            {
                return Fail($"--token (or {TokenCommand.Variable}) is required: only an admin issues device credentials (`apexfleet token create --role admin`)", ExitCodes.BadInput);
            }

            using var admin = TokenCommand.Client(address, parse.GetValue(token), TimeSpan.FromSeconds(30));
            var device = parse.GetValue(id)!;
            try
            {
                var credential = await DeviceCredentialIssuer.IssueAsync(admin, device, parse.GetValue(replace), cancellationToken);
                if (parse.GetValue(output) is { } file)
                {
                    await WriteOwnerOnlyAsync(file.FullName, credential + "\n", cancellationToken);
                    Console.Error.WriteLine($"credential for {device} written to {file.FullName} (mode 0600); give it to the agent with --credential {file.FullName}");
                }
                else
                {
                    Console.WriteLine(credential);
                }

                return ExitCodes.Ok;
            }
            catch (DeviceLinkRefusedException ex)
            {
                return Fail(ex.Message, ExitCodes.Denied);
            }
            catch (DeviceLinkDownException ex)
            {
                return Fail($"{ex.Message}; is `./apexfleet silo` running?", ExitCodes.Unavailable);
            }
        });
        return command;
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        // A new file, so the owner-only mode holds from the first byte (an old file keeps its own mode).
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
