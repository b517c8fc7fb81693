using Marten;
using Marten.Events;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Sora.Integration.Tests.Support;

/// <summary>One host for the whole "app" collection: starting the Critter Stack costs seconds, data resets cost ms.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public ExternalIssuer Issuer { get; } = new();
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync("sora_it", Issuer);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition("app")]
public sealed class AppCollection : ICollectionFixture<AppFixture>;

/// <summary>Base class: resets all Marten data before each test (never after, so a failed test's data stays to look at).</summary>
[Collection("app")]
public abstract class IntegrationTest(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture Fixture { get; } = fixture;
    protected RunningHost Host => Fixture.Host;
    protected GraphQLClient Api => new(Host.Http);

    public virtual async Task InitializeAsync() => await Host.App.ResetAllMartenDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Waits for the async daemon to catch up (instead of sleeping).</summary>
    protected Task WaitForProjectionsAsync() => Host.App.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
}
