using LibGit2Sharp;

namespace ApexFleet.Grains.Tests.GitOps;

/// <summary>A real git repository in a temporary folder, written and committed with LibGit2Sharp.</summary>
public sealed class GitRepo : IDisposable
{
    private readonly Repository _repo;

    public GitRepo()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apexfleet-gitops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Repository.Init(Path, isBare: false);
        _repo = new Repository(Path);
        // The first commit names the branch; libgit2 starts HEAD on whatever init.defaultBranch says.
        _repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
    }

    public string Path { get; }

    public GitRepo Write(string file, string text)
    {
        var full = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        Commands.Stage(_repo, file);
        return this;
    }

    public GitRepo Delete(string file)
    {
        File.Delete(System.IO.Path.Combine(Path, file));
        Commands.Stage(_repo, file);
        return this;
    }

    public string Commit(string message, string author = "Ada Lovelace")
    {
        var who = new Signature(author, "ada@example.com", DateTimeOffset.UtcNow);
        return _repo.Commit(message, who, who).Sha;
    }

    /// <summary>A revert commit: the parent's tree of the files <paramref name="sha"/> changed, committed as git revert does.</summary>
    public string Revert(string sha, string author = "Ada Lovelace")
    {
        var who = new Signature(author, "ada@example.com", DateTimeOffset.UtcNow);
        var result = _repo.Revert(_repo.Lookup<LibGit2Sharp.Commit>(sha), who);
        return result.Commit.Sha;
    }

    public void Dispose()
    {
        _repo.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
            // git keeps read-only object files; a temp folder left behind is harmless.
        }
    }
}
