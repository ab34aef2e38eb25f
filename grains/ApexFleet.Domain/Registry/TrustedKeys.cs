namespace ApexFleet.Domain.Registry;

/// <summary>The public keys a registry accepts signatures from, by key id.</summary>
public sealed class TrustedKeys
{
    public static readonly TrustedKeys None = new([]);

    private readonly Dictionary<string, TrustedKey> _byId;

    public TrustedKeys(IEnumerable<TrustedKey> keys) => _byId = keys.ToDictionary(k => k.KeyId, StringComparer.Ordinal);

    public IReadOnlyCollection<string> KeyIds => _byId.Keys;

    public TrustedKey? Find(string keyId) => _byId.GetValueOrDefault(keyId);

    /// <summary>
    /// A trusted-keys file: one base64 public key per line (the content of a <c>NAME.pub</c>), blank
    /// lines and <c>#</c> comments ignored. A bad line throws a <see cref="FormatException"/> naming file and line.
    /// </summary>
    public static TrustedKeys Parse(string text, string file)
    {
        var keys = new List<TrustedKey>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                keys.Add(TrustedKey.Parse(line, $"{file}:{i + 1}"));
            }
        }

        return new TrustedKeys(keys);
    }
}
