using System.Diagnostics;
using System.Text.Json;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;
using ApexFleet.LoadTest;
using ApexFleet.LoadTest.Agents;
using ApexFleet.LoadTest.Campaigns;
using ApexFleet.LoadTest.Targets;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// `apexfleet loadtest --campaign FILE`: the campaign's phases over one load run, the silo killed and
/// the rollout started when their phases begin, and the rollout's audit laid on the same clock.
/// </summary>
public static class LoadCampaignRun
{
    public static async Task<int> RunAsync(FileInfo file, FileInfo? html, FileInfo? json, int inFlight, string prefix, string? token, CancellationToken cancellationToken)
    {
        LoadCampaign campaign;
        RolloutDefinition? rollout = null;
        var manifestYaml = "";
        try
        {
            campaign = LoadCampaignReader.Load(file.FullName);
            if (campaign.Rollout is { } r)
            {
                manifestYaml = ManifestLimits.ReadFile(r.ManifestPath, Path.GetFileName(r.ManifestPath));
                rollout = DeploymentManifest.Parse(Path.GetFileName(r.ManifestPath), manifestYaml, Fleet(campaign));
            }
        }
        catch (ManifestException ex)
        {
            return ManifestErrors.Report(ex, "campaign");
        }

        var schedule = campaign.Schedule;
        var plan = new LoadPlan(schedule.MaxAgents, schedule.Duration, campaign.ReportInterval, inFlight, campaign.Mix, prefix, rollout?.ModelId ?? "digits", rollout?.PreviousVersion ?? "1.0.0");
        var target = campaign.Target;
        var options = new LoadOptions(plan.Agents, plan.Duration, plan.ReportInterval, target.Transport, target.Gateway, target.Url, target.Connections, inFlight, target.ClusterId, campaign.Inference, prefix, token);
        await using var link = await LoadLink.OpenAsync(options, plan, cancellationToken);
        await using var control = rollout is null ? null : await ClusterConnection.OpenAsync(null, LoopbackTarget.ParseGateway(target.Gateway).Port, target.ClusterId, cancellationToken);
        using var sessions = campaign.Inference ? SharedSessions.Load() : null;
        var runner = new LoadRunner(plan, link.Connections, sessions) { ActiveAt = schedule.AgentsAt };
        var events = new List<CampaignEvent>();
        var printer = new LoadProgress(runner.Tally);
        void Happened(CampaignEvent e)
        {
            lock (events)
            {
                events.Add(e);
            }

            printer.Finish();
            Console.WriteLine($"  +{e.AtSeconds:0.0}s {e.What}{(e.Detail.Length > 0 ? $": {e.Detail}" : "")}");
        }

        Console.WriteLine($"Campaign '{campaign.Name}': {campaign.Phases.Count} phases over {DurationText.Format(schedule.Duration)}, up to {plan.Agents:N0} agents over {target.Connections} {target.Transport} connection(s)");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var stopEvents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var phases = Task.Run(() => PhasesAsync(campaign, control, manifestYaml, rollout, clock, Happened, stopEvents.Token), CancellationToken.None);
        var result = await runner.RunAsync(target.Transport, target.Transport == "http" ? target.Url : target.Gateway, printer, cancellationToken);
        await stopEvents.CancelAsync();
        await phases;
        printer.Finish();

        if (rollout is not null && control is not null)
        {
            try
            {
                foreach (var record in await control.Client.GetGrain<IDeploymentGrain>(rollout.Name).GetAudit())
                {
                    events.Add(new CampaignEvent((record.At - started).TotalSeconds, CampaignEventKind.RolloutDecision, record.Decision, $"{record.Stage}: {record.Reason}"));
                }
            }
            catch (Exception ex)
            {
                events.Add(new CampaignEvent(clock.Elapsed.TotalSeconds, CampaignEventKind.Problem, "the rollout's audit could not be read", ex.Message.Split('\n')[0]));
            }
        }

        var report = new CampaignReport(campaign.Name, campaign.Source, started, result, [.. events.OrderBy(e => e.AtSeconds)]);
        LoadTables.Summary(result);
        LoadTables.Events(report.Events);
        if (json is not null)
        {
            await File.WriteAllTextAsync(json.FullName, JsonSerializer.Serialize(report, ReportJson.Options), cancellationToken);
        }

        if (html is not null)
        {
            await File.WriteAllTextAsync(html.FullName, LoadReportHtml.Render(campaign, report), cancellationToken);
            Console.WriteLine($"Report: {html.FullName}");
        }

        return result.Clean ? ExitCodes.Ok : ExitCodes.LoadErrors;
    }

    private static FleetContext Fleet(LoadCampaign campaign) =>
        new(Math.Max(1, campaign.Schedule.MaxAgents), campaign.ReportInterval > TimeSpan.Zero ? TimeSpan.FromHours(1) / campaign.ReportInterval : 3600);

    private static async Task PhasesAsync(
        LoadCampaign campaign, ClusterConnection? control, string manifestYaml, RolloutDefinition? rollout, Stopwatch clock, Action<CampaignEvent> happened, CancellationToken stop)
    {
        for (var i = 0; i < campaign.Phases.Count; i++)
        {
            var wait = campaign.Schedule.StartOf(i) - clock.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var phase = campaign.Phases[i];
            var at = clock.Elapsed.TotalSeconds;
            happened(new CampaignEvent(at, CampaignEventKind.PhaseStarted, $"phase {phase.Name}", $"{phase.Kind} for {DurationText.Format(phase.Duration)}{(phase.Agents is { } n ? $", {n:N0} agents" : "")}"));
            if (phase.Kind == PhaseKind.SiloKill && phase.PidFile is { } pidFile)
            {
                try
                {
                    happened(new CampaignEvent(clock.Elapsed.TotalSeconds, CampaignEventKind.SiloKilled, "silo killed", $"pid {SiloKiller.Kill(pidFile)} from {pidFile}"));
                }
                catch (CampaignException ex)
                {
                    happened(new CampaignEvent(clock.Elapsed.TotalSeconds, CampaignEventKind.Problem, "silo not killed", ex.Message));
                }
            }

            if (rollout is not null && control is not null && campaign.Rollout!.AtPhase == phase.Name)
            {
                try
                {
                    var status = await control.Client.GetGrain<IDeploymentGrain>(rollout.Name)
                        .Start(manifestYaml, Path.GetFileName(campaign.Rollout.ManifestPath), new StartOptions(TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow, $"loadtest:{campaign.Name}", Fleet: Fleet(campaign)));
                    happened(new CampaignEvent(clock.Elapsed.TotalSeconds, CampaignEventKind.RolloutStarted, $"rollout {rollout.Name} started", $"{status.Phase} at stage {status.Stage}"));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    happened(new CampaignEvent(clock.Elapsed.TotalSeconds, CampaignEventKind.Problem, $"rollout {rollout.Name} not started", ex.Message.Split('\n')[0]));
                }
            }
        }
    }
}
