using ApexFleet.Domain.Registry;

namespace ApexFleet.Simulator.Running;

/// <summary>
/// A key made for one embedded run: it signs the run's artifacts and is the only key the run's phones
/// trust, so every virtual installer checks an Ed25519 signature as a real one does. Nothing outside
/// the run ever holds it.
/// </summary>
public sealed class RunKey : IDisposable
{
    public SigningKey Signer { get; } = SigningKey.Generate();

    public TrustedKeys Trusted => new([TrustedKey.Parse(Signer.PublicKeyText, "the run's key")]);

    public void Dispose() => Signer.Dispose();
}
