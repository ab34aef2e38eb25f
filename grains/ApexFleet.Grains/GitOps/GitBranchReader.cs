using System.Security.Cryptography;
using System.Text;
using ApexFleet.Abstractions.GitOps;
using ApexFleet.Domain.GitOps;
using LibGit2Sharp;

namespace ApexFleet.Grains.GitOps;

/// <summary>
/// Reads the tip of the followed branch with LibGit2Sharp: fetches it into a bare copy private to
/// this silo (a local path, file:// or HTTP(S) alike) and returns the files the reconciler reads.
/// </summary>
public static class GitBranchReader
{
    private const string Remote = "origin";

    public static RepositorySnapshot Read(GitOpsSource source, string cacheRoot)
    {
        var cache = Path.Combine(cacheRoot, Hash(source.Repository));
        if (!Repository.IsValid(cache))
        {
            Directory.CreateDirectory(cache);
            Repository.Init(cache, isBare: true);
        }

        using var repo = new Repository(cache);
        var url = Url(source.Repository);
        if (repo.Network.Remotes[Remote] is null)
        {
            repo.Network.Remotes.Add(Remote, url);
        }
        else if (repo.Network.Remotes[Remote].Url != url)
        {
            repo.Network.Remotes.Update(Remote, r => r.Url = url);
        }

        // Into a ref of our own: the bare copy has no branches to keep in step with.
        var followed = $"refs/apexfleet/{source.Branch}";
        Commands.Fetch(repo, Remote, [$"+refs/heads/{source.Branch}:{followed}"], new FetchOptions(), null);
        var commit = repo.Lookup<Commit>(followed) ?? throw new InvalidOperationException($"branch '{source.Branch}' not found in {source.Repository}");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(commit.Tree, "", files);
        return new RepositorySnapshot(commit.Sha, commit.Author.Name, commit.MessageShort, files);
    }

    private static void Collect(Tree tree, string prefix, Dictionary<string, string> files)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                Collect((Tree)entry.Target, path + "/", files);
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && DesiredState.IsYaml(path))
            {
                files[path] = ((Blob)entry.Target).GetContentText();
            }
        }
    }

    /// <summary>A local folder is fetched by its absolute path; anything with a scheme is a URL already.</summary>
    private static string Url(string repository) =>
        repository.Contains("://", StringComparison.Ordinal) ? repository : Path.GetFullPath(repository);

    private static string Hash(string repository) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..16];
}
