using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Sora.Bench.Api;

/// <summary>
/// ./sora bench api (second part): the server CPU each hostile document shape costs before it is refused, next to a
/// plain <c>{ me { id } }</c> in the same run, and the host's memory after a stream of large distinct documents.
/// The shapes are the ones a hostile tester sent (docs/graphql.md, "Limits").
/// </summary>
public static class HostileDocuments
{
    public static IEnumerable<(string Name, string Query)> Shapes()
    {
        // 22 fragments, each spreading the one before it twice: 2^22 fields once expanded, in under 1 KB.
        var bomb = new StringBuilder("query { me { ...F21 } }\nfragment F0 on Account { id }\n");
        for (var i = 1; i < 22; i++) bomb.Append($"fragment F{i} on Account {{ ...F{i - 1} ...F{i - 1} }}\n");
        yield return ("fragment bomb (22 levels)", bomb.ToString());
        yield return ("8,000 repeated fields", "{ me { " + string.Concat(Enumerable.Repeat("id ", 8000)) + "} }");
        yield return ("2,000 conflicting aliases", "{ " + string.Concat(Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? "x: me { id } " : "x: __typename ")) + "}");
        yield return ("1,000 aliased __schema", "{ " + string.Concat(Enumerable.Range(0, 1000).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name }} }} }} ")) + "}");
    }

    public static async Task RunAsync(HttpClient http, string token, IServiceProvider app)
    {
        Console.WriteLine("Hostile documents: server CPU per request (this process, 5 requests each), answer size");
        var baseline = await MeasureAsync(http, token, "{ me { id } }", 50);
        Console.WriteLine($"  {"{ me { id } } (baseline)",-30} {baseline.CpuMs,8:0.0} ms  {baseline.Bytes,10:N0} B  {baseline.Code}");
        foreach (var (name, query) in Shapes())
        {
            var m = await MeasureAsync(http, token, query, 5);
            Console.WriteLine($"  {name,-30} {m.CpuMs,8:0.0} ms  {m.Bytes,10:N0} B  {m.Code}   ({m.CpuMs / baseline.CpuMs:0.0}x the baseline)");
        }

        // 80 distinct documents of about 250 KB each: the validated-document cache must stay bounded in bytes.
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        for (var i = 0; i < 80; i++)
        {
            await MeasureAsync(http, token, "query Q { me { id } }" + new string(' ', 250_000 - 22) + "#" + i, 1);
        }
        GC.Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;
        var cached = app.GetRequiredService<Sora.GraphQL.Transport.GraphQLRunner>().CachedBytes;
        Console.WriteLine($"  80 distinct 250 KB documents: resident memory {before / 1048576.0:0} MB -> {after / 1048576.0:0} MB, document cache {cached / 1048576.0:0.0} MB");
    }

    private static async Task<(double CpuMs, long Bytes, string Code)> MeasureAsync(HttpClient http, string token, string query, int times)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { query });
        long bytes = 0;
        var code = "";
        var cpu = CpuMeter.Start();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            bytes = text.Length;
            var at = text.IndexOf("\"code\":\"", StringComparison.Ordinal);
            code = at < 0 ? $"{(int)response.StatusCode} ok" : $"{(int)response.StatusCode} {text[(at + 8)..text.IndexOf('"', at + 8)]}";
        }
        return (cpu.PerOperation(times).HostMs, bytes, code);
    }
}
