using Sora.Bench.Api;

// ./sora bench [suite]: prints figures as ratios against a baseline measured in the same run. No timing is
// ever asserted; these are for reading, and for comparing runs on the same machine. Without a suite, every suite
// that issue 15's figures come from runs in turn (the feed's population loads once, then is reused).
var suite = args.FirstOrDefault() ?? "all";
switch (suite)
{
    case "all":
        await ApiBenchmark.RunAsync();
        Console.WriteLine();
        await Sora.Bench.Consent.ConsentBenchmark.RunAsync();
        Console.WriteLine();
        await Sora.Bench.Render.RenderBenchmark.RunAsync();
        Console.WriteLine();
        await Sora.Bench.World.WorldBenchmark.RunAsync();
        Console.WriteLine();
        await Sora.Bench.Feed.FeedLatencyBenchmark.RunAsync([]);
        return 0;
    case "api":
        await ApiBenchmark.RunAsync(args.ElementAtOrDefault(1));
        return 0;
    case "consent":
        await Sora.Bench.Consent.ConsentBenchmark.RunAsync();
        return 0;
    case "render":
        await Sora.Bench.Render.RenderBenchmark.RunAsync();
        return 0;
    case "world":
        await Sora.Bench.World.WorldBenchmark.RunAsync();
        return 0;
    case "feed":
        await Sora.Bench.Feed.FeedLatencyBenchmark.RunAsync(args[1..]);
        return 0;
    case "feed-quality":
        await Sora.Bench.Feed.FeedQualityBenchmark.RunAsync(args[1..]);
        return 0;
    case "staydown":
        await Sora.Bench.Staydown.StaydownBenchmark.RunAsync(args[1..]);
        return 0;
    default:
        Console.Error.WriteLine($"unknown suite '{suite}'. Suites: all (the default), api, consent, render, world, feed, feed-quality, staydown");
        return 2;
}
