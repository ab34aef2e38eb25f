namespace ApexFleet.Domain.GitOps;

/// <summary>One commit of the followed branch: who made it, why, and the text of the files the reconciler reads.</summary>
public sealed record RepositorySnapshot(string Sha, string Author, string Message, IReadOnlyDictionary<string, string> Files)
{
    public string ShortSha => Sha.Length > 8 ? Sha[..8] : Sha;

    /// <summary>Who the reconciler acts as in a rollout's audit log: the commit, its author and its subject.</summary>
    public string Actor => $"gitops {ShortSha} by {Author}: \"{Message.Split('\n')[0].Trim()}\"";
}
