namespace ApexFleet.Agent.Tests;

/// <summary>A throw-away stand-in for /sys/class: files written as the kernel writes them (one value, a newline).</summary>
internal sealed class SysfsDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("apexfleet-sysfs-").FullName;

    /// <summary>Writes <paramref name="value"/> to ROOT/<paramref name="path"/>, creating its folders.</summary>
    public SysfsDirectory With(string path, string value)
    {
        var file = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, value + "\n");
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
