using System.CommandLine;
using ApexFleet.Domain.Registry;

namespace ApexFleet.Cli.Commands;

/// <summary><c>apexfleet keys generate</c>: an Ed25519 key pair for signing model artifacts.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "File name of the pair: NAME.key (private) and NAME.pub (public).", DefaultValueFactory = _ => "signing" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write them to.", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var generate = new Command("generate", "Make an Ed25519 key pair: sign pushes with NAME.key, add NAME.pub to the silo's --trusted-keys file.") { name, output };
        generate.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!;
            var keyPath = Path.Combine(folder.FullName, parse.GetValue(name) + ".key");
            var pubPath = Path.Combine(folder.FullName, parse.GetValue(name) + ".pub");
            if (File.Exists(keyPath))
            {
                Console.Error.WriteLine($"error: {keyPath} exists; a key is never overwritten (choose another --name)");
                return ExitCodes.BadInput;
            }

            using var key = SigningKey.Generate();
            folder.Create();
            File.WriteAllText(keyPath, key.PrivateKeyText + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(pubPath, key.PublicKeyText + "\n");
            Console.WriteLine($"key id {key.KeyId}");
            Console.WriteLine($"  private {keyPath} (keep it secret; sign with `model push --key`)");
            Console.WriteLine($"  public  {pubPath} (add its line to the silo's --trusted-keys file)");
            return ExitCodes.Ok;
        });
        return new Command("keys", "Signing keys for the model registry.") { generate };
    }
}
