using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sora.Domain.Messaging;
using Sora.Domain.Parental;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Messaging;

/// <summary>Direct messages through GraphQL, as clients use them (docs/messaging.md).</summary>
public sealed class MessagingTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static string Handles(JsonElement accounts) => string.Join(",", accounts.EnumerateArray().Select(a => a.GetProperty("handle").GetString()));

    [Fact]
    public async Task A_request_is_accepted_then_messages_page_newest_first_and_show_who_read_them()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        // Bob does not follow Ann: her first message is a request, and she can send no second one until he accepts.
        var start = (await Api.StartAsync(ann, [bob.Id], "hello bob")).Ok().GetProperty("startConversation");
        Assert.True(start.GetProperty("conversation").GetProperty("awaitingAcceptance").GetBoolean());
        var conv = Guid.Parse(start.GetProperty("conversationId").GetString()!);
        Assert.Equal([MessagingErrors.RequestPending], (await Api.SendAsync(ann.Token, conv, "again?")).Refused("sendMessage"));
        Assert.Equal([conv], await Api.ConversationIdsAsync(bob, requests: true));
        Assert.Empty(await Api.ConversationIdsAsync(bob));

        (await Api.PostAsync(MessagingOps.Verb("acceptMessageRequest"), new { c = conv }, bob.Token)).Ok();
        Assert.Equal([conv], await Api.ConversationIdsAsync(bob));
        Assert.Empty(await Api.ConversationIdsAsync(bob, requests: true));
        var second = await Api.SentAsync(ann, conv, "second");
        await Api.SentAsync(bob, conv, "third");

        // A retry with the same clientRequestId sends nothing new.
        var once = (await Api.SendAsync(ann.Token, conv, "fourth", clientRequestId: "r-1")).Ok().GetProperty("sendMessage").GetProperty("message").GetProperty("id").GetString();
        Assert.Equal(once, (await Api.SendAsync(ann.Token, conv, "fourth", clientRequestId: "r-1")).Ok().GetProperty("sendMessage").GetProperty("message").GetProperty("id").GetString());

        var page = (await Api.PostAsync(MessagingOps.Messages, new { id = conv, first = 2 }, bob.Token)).Ok().GetProperty("conversation").GetProperty("messages");
        Assert.Equal(["fourth", "third"], page.Nodes().Select(n => n.GetProperty("text").GetString()));
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var rest = await Api.MessagesAsync(bob, conv, 2, page.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        Assert.Equal(["second", "hello bob"], rest.Select(n => n.GetProperty("text").GetString()));

        // Bob reads up to Ann's second message: it and everything before it that reached him show him as a reader.
        (await Api.PostAsync(MessagingOps.Verb("markConversationRead", true), new { c = conv, m = second }, bob.Token)).Ok();
        var seen = await Api.MessagesAsync(ann, conv);
        Assert.Equal(["", "", "bob", "bob"], seen.Select(n => Handles(n.GetProperty("readBy"))));
        // Marking an older message changes nothing; a message of another conversation is not found.
        (await Api.PostAsync(MessagingOps.Verb("markConversationRead", true), new { c = conv, m = Guid.Parse(rest[1].GetProperty("id").GetString()!) }, bob.Token)).Ok();
        Assert.Equal("bob", Handles((await Api.MessagesAsync(ann, conv))[2].GetProperty("readBy")));
        Assert.Contains("NOT_FOUND", (await Api.PostAsync(MessagingOps.Verb("markConversationRead", true), new { c = conv, m = Guid.NewGuid() }, bob.Token)).ErrorCodes);
    }

    [Fact]
    public async Task The_conversation_list_follows_last_activity_and_pages_by_keyset()
    {
        var ann = await Api.SignUpAsync("ann");
        var others = new List<TestAccount>();
        foreach (var handle in new[] { "bob", "cat", "dan" })
        {
            var other = await Api.SignUpAsync(handle);
            (await Api.SocialAsync("follow", ann.Id, other.Token)).Ok();
            others.Add(other);
        }
        var convs = new List<Guid>();
        foreach (var other in others) convs.Add(await Api.StartedAsync(ann, [other.Id], "hi " + other.Handle));
        Assert.Equal([convs[2], convs[1], convs[0]], await Api.ConversationIdsAsync(ann));
        await Api.SentAsync(others[0], convs[0], "back to the top");
        var first = (await Api.PostAsync(MessagingOps.List, new { first = 2 }, ann.Token)).Ok().GetProperty("conversations");
        Assert.Equal([convs[0], convs[2]], first.Nodes().Select(n => Guid.Parse(n.GetProperty("id").GetString()!)));
        var next = (await Api.PostAsync(MessagingOps.List, new { first = 2, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, ann.Token))
            .Ok().GetProperty("conversations");
        Assert.Equal([convs[1]], next.Nodes().Select(n => Guid.Parse(n.GetProperty("id").GetString()!)));
        Assert.False(next.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        // Starting again with the same person answers the pair's one conversation.
        Assert.Equal(convs[1], await Api.StartedAsync(ann, [others[1].Id]));
    }

    [Fact]
    public async Task A_declined_request_refuses_further_messages_and_leaves_the_recipients_lists()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        var conv = await Api.StartedAsync(ann, [bob.Id], "hello");
        (await Api.PostAsync(MessagingOps.Verb("declineMessageRequest"), new { c = conv }, bob.Token)).Ok();
        Assert.Empty(await Api.ConversationIdsAsync(bob, requests: true));
        Assert.Empty(await Api.ConversationIdsAsync(bob));
        Assert.Equal([MessagingErrors.RequestDeclined], (await Api.SendAsync(ann.Token, conv, "please")).Refused("sendMessage"));
        Assert.Equal([MessagingErrors.RequestDeclined], (await Api.StartAsync(ann, [bob.Id], "please")).Refused("startConversation"));
    }

    [Fact]
    public async Task Strangers_the_anonymous_and_blocked_accounts_are_refused_every_operation()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        var eve = await Api.SignUpAsync("eve");
        (await Api.SocialAsync("follow", ann.Id, bob.Token)).Ok();
        var conv = await Api.StartedAsync(ann, [bob.Id], "hi");
        var message = Guid.Parse((await Api.MessagesAsync(bob, conv))[0].GetProperty("id").GetString()!);

        foreach (var (token, code) in new[] { (eve.Token, "NOT_FOUND"), ((string?)null, "UNAUTHENTICATED") })
        {
            Assert.Equal([code], (await Api.PostAsync(MessagingOps.Messages, new { id = conv }, token)).ErrorCodes);
            Assert.Equal([code], (await Api.SendAsync(token, conv, "let me in")).ErrorCodes);
            foreach (var verb in new[] { "acceptMessageRequest", "declineMessageRequest", "leaveConversation", "deleteConversation" })
                Assert.Equal([code], (await Api.PostAsync(MessagingOps.Verb(verb), new { c = conv }, token)).ErrorCodes);
            Assert.Equal([code], (await Api.PostAsync(MessagingOps.Verb("markConversationRead", true), new { c = conv, m = message }, token)).ErrorCodes);
        }
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(MessagingOps.List, new { }, null)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.StartAsync(ann with { Token = null! }, [bob.Id], "x")).ErrorCodes);
        Assert.Empty(await Api.ConversationIdsAsync(eve));

        // Bob blocks Ann: her messages stop (FORBIDDEN, as follow answers), his too (BLOCKED: he must unblock first).
        (await Api.SocialAsync("block", ann.Id, bob.Token)).Ok();
        Assert.Equal(["FORBIDDEN"], (await Api.SendAsync(ann.Token, conv, "hello?")).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.StartAsync(ann, [bob.Id], "hello?")).ErrorCodes);
        Assert.Equal([Sora.Domain.Common.ErrorCodes.Blocked], (await Api.SendAsync(bob.Token, conv, "bye")).Refused("sendMessage"));
        // A group takes only the starter's followers: nobody is put in a conversation by a stranger.
        Assert.Equal([MessagingErrors.NotFollowing], (await Api.StartAsync(eve, [bob.Id, ann.Id], null)).Refused("startConversation"));
        Assert.Single(await Api.MessagesAsync(bob, conv));
    }

    [Fact]
    public async Task Bad_input_gets_typed_errors_and_writes_nothing()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        (await Api.SocialAsync("follow", ann.Id, bob.Token)).Ok();
        var conv = await Api.StartedAsync(ann, [bob.Id], "hi");
        var before = await EventCountAsync();

        Assert.Equal(["BAD_USER_INPUT"], (await Api.SendAsync(ann.Token, conv, new string('x', MessagingLimits.MaxTextLength + 1))).Refused("sendMessage"));
        Assert.Equal(["BAD_USER_INPUT"], (await Api.SendAsync(ann.Token, conv, "  ")).Refused("sendMessage"));
        Assert.Equal(["BAD_USER_INPUT"], (await Api.StartAsync(ann, [bob.Id], new string('x', MessagingLimits.MaxTextLength + 1))).Refused("startConversation"));
        var crowd = Enumerable.Range(0, MessagingLimits.MaxGroupMembers).Select(_ => (object)Guid.NewGuid()).ToArray();
        Assert.Equal(["BAD_USER_INPUT"], (await Api.StartAsync(ann, crowd, "all of you")).Refused("startConversation"));
        Assert.Equal(["NOT_FOUND"], (await Api.StartAsync(ann, [Guid.NewGuid()], "anyone?")).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.SendAsync(ann.Token, Guid.NewGuid(), "where?")).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.SendAsync(ann.Token, conv, null, video: Guid.NewGuid())).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.SendAsync(ann.Token, "not-an-id", "x")).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.StartAsync(ann, ["not-an-id"], "x")).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(MessagingOps.List, new { after = "bm9wZQ" }, ann.Token)).ErrorCodes);
        Assert.Equal([MessagingErrors.NotAGroup], (await Api.PostAsync(MessagingOps.Verb("leaveConversation"), new { c = conv }, ann.Token)).Refused("leaveConversation"));

        Assert.Equal(before, await EventCountAsync());
        Assert.Single(await Api.MessagesAsync(bob, conv));
    }

    [Fact]
    public async Task Teens_hear_only_from_adults_they_follow_and_a_parents_policy_and_quiet_hours_hold()
    {
        var teenBirth = DateTime.UtcNow.AddYears(-15).ToString("yyyy-MM-dd");
        var teen = await Api.SignUpAsync("tia", teenBirth);
        var adult = await Api.SignUpAsync("abe");
        var parent = await Api.SignUpAsync("pam");
        Assert.Equal([MessagingErrors.NotAcceptingMessages], (await Api.StartAsync(adult, [teen.Id], "hi kid")).Refused("startConversation"));
        (await Api.SocialAsync("follow", adult.Id, teen.Token)).Ok();
        var conv = await Api.StartedAsync(adult, [teen.Id], "hi, follower");
        await Api.SentAsync(teen, conv, "hi back");

        // A linked parent sets "Nobody": the teen neither receives nor sends, in the conversation that already exists too.
        await ControlsAsync(teen, parent, new ParentalControls(DirectMessages: DirectMessagePolicy.Nobody));
        Assert.Equal([MessagingErrors.NotAcceptingMessages], (await Api.SendAsync(adult.Token, conv, "still there?")).Refused("sendMessage"));
        Assert.Equal([MessagingErrors.ParentalPolicy], (await Api.SendAsync(teen.Token, conv, "yes")).Refused("sendMessage"));

        // Quiet hours around now: the teen cannot send, whatever the policy.
        var now = TimeOnly.FromDateTime(DateTime.UtcNow);
        await ControlsAsync(teen, parent, new ParentalControls(DirectMessages: DirectMessagePolicy.Following,
            QuietHours: new QuietHours(now.AddHours(-1), now.AddHours(1), "UTC")));
        Assert.Equal([MessagingErrors.QuietHours], (await Api.SendAsync(teen.Token, conv, "up late")).Refused("sendMessage"));
        await Api.SentAsync(adult, conv, "good night");
    }

    [Fact]
    public async Task A_shared_video_is_checked_when_read_and_shows_unavailable_once_withdrawn()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        var creator = await Api.SignUpAsync("cyd");
        (await Api.SocialAsync("follow", ann.Id, bob.Token)).Ok();
        var video = await Host.PublishedVideoAsync(creator, "a paper boat on a pond");
        var conv = await Api.StartedAsync(ann, [bob.Id], "look", video);
        var shared = (await Api.MessagesAsync(bob, conv))[0];
        Assert.Equal(video.ToString(), shared.GetProperty("sharedVideo").GetProperty("id").GetString());
        Assert.False(shared.GetProperty("sharedVideoUnavailable").GetBoolean());

        (await Api.PostAsync("mutation($id: ID!) { withdrawVideo(input: { generationId: $id }) { errors { code } } }", new { id = video }, creator.Token)).Ok();
        var gone = (await Api.MessagesAsync(bob, conv))[0];
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("sharedVideo").ValueKind);
        Assert.True(gone.GetProperty("sharedVideoUnavailable").GetBoolean());
        Assert.Equal("look", gone.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Deleting_a_conversation_and_shredding_an_account_leave_no_word_of_theirs_readable()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        var cat = await Api.SignUpAsync("cat");
        (await Api.SocialAsync("follow", ann.Id, bob.Token)).Ok();
        (await Api.SocialAsync("follow", ann.Id, cat.Token)).Ok();
        var deleted = await Api.StartedAsync(ann, [cat.Id], "delete-me-" + Guid.NewGuid().ToString("N"));
        var direct = await Api.StartedAsync(ann, [bob.Id], "direct-secret-" + Guid.NewGuid().ToString("N"));
        var group = await Api.StartedAsync(ann, [bob.Id, cat.Id], "ann-in-group");
        var bobsWords = "bob-group-secret-" + Guid.NewGuid().ToString("N");
        await Api.SentAsync(bob, group, bobsWords);

        (await Api.PostAsync(MessagingOps.Verb("deleteConversation"), new { c = deleted }, cat.Token)).Ok();
        Assert.Contains("NOT_FOUND", (await Api.PostAsync(MessagingOps.Messages, new { id = deleted }, ann.Token)).ErrorCodes);

        var vault = Host.Services.GetRequiredService<PersonalDataVault>();
        await using (var session = Host.Store.LightweightSession())
        {
            await ShredAccount.ShredAccountAsync(session, vault, bob.Id, DateTimeOffset.UtcNow);
            await session.SaveChangesAsync();
        }

        Assert.Equal(["ann-in-group"], (await Api.MessagesAsync(ann, group)).Where(m => m.GetProperty("text").ValueKind == JsonValueKind.String)
            .Select(m => m.GetProperty("text").GetString()));
        Assert.Equal("ann,cat", Handles((await Api.PostAsync(MessagingOps.Messages, new { id = group }, ann.Token)).Ok().GetProperty("conversation").GetProperty("members")));
        Assert.Contains("NOT_FOUND", (await Api.PostAsync(MessagingOps.Messages, new { id = direct }, ann.Token)).ErrorCodes);

        // In the database: no key and no sealed record of either deleted conversation, none of bob's texts, and no
        // word of any of them anywhere, events included.
        await using var query = Host.Store.QuerySession();
        Assert.Empty(await query.LoadManyAsync<SubjectKey>(deleted, direct));
        Assert.Equal(0, await query.Query<SealedRecord>().CountAsync(r => r.SubjectId == deleted || r.SubjectId == direct));
        Assert.Equal(1, await query.Query<SealedRecord>().CountAsync(r => r.SubjectId == group));
        Assert.True(await RowsContainingAsync("mt_doc_sealedrecord") + await RowsContainingAsync(cat.Handle) > 0, "the scan reads every table");
        foreach (var secret in new[] { bobsWords, "direct-secret-", "delete-me-", "ann-in-group" })
            Assert.Equal(0, await RowsContainingAsync(secret));
    }

    [Fact]
    public async Task A_reported_message_reaches_moderators_who_read_its_text()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        var eve = await Api.SignUpAsync("eve");
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var moderator = await Api.SignUpAsync("mod_one");
        await Api.GrantRoleAsync(admin, moderator, "MODERATOR");
        var conv = await Api.StartedAsync(ann, [bob.Id], "something nasty");
        var message = (await Api.MessagesAsync(bob, conv))[0].GetProperty("id").GetString();

        const string report = "mutation($id: ID!) { report(input: { target: MESSAGE, targetId: $id, reason: HARASSMENT }) { report { id } errors { code } } }";
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(report, new { id = message }, eve.Token)).ErrorCodes);
        (await Api.PostAsync(report, new { id = message }, bob.Token)).Ok();
        var caseId = (await Api.PostAsync("{ moderationQueue { edges { node { id target } } } }", null, moderator.Token)).Ok()
            .GetProperty("moderationQueue").Nodes().Single().GetProperty("id").GetString();
        var seen = (await Api.PostAsync("query($id: ID!) { moderationCase(id: $id) { target message { text sender { handle } } } }", new { id = caseId },
            moderator.Token)).Ok().GetProperty("moderationCase");
        Assert.Equal("MESSAGE", seen.GetProperty("target").GetString());
        Assert.Equal("something nasty", seen.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("ann", seen.GetProperty("message").GetProperty("sender").GetProperty("handle").GetString());
        await using var session = Host.Store.QuerySession();
        Assert.Equal(1, await session.Events.QueryRawEventDataOnly<ReportedMessageRead>().CountAsync());
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync("query($id: ID!) { moderationCase(id: $id) { message { text } } }", new { id = caseId }, bob.Token)).ErrorCodes);
    }

    [Fact]
    public async Task The_per_minute_limit_is_exact_under_concurrent_sends()
    {
        var ann = await Api.SignUpAsync("ann");
        var bob = await Api.SignUpAsync("bob");
        (await Api.SocialAsync("follow", ann.Id, bob.Token)).Ok();
        var conv = await Api.StartedAsync(ann, [bob.Id]);
        var answers = await Task.WhenAll(Enumerable.Range(0, MessagingLimits.MessagesPerMinute + 5).Select(i => Api.SendAsync(ann.Token, conv, $"m{i}")));
        Assert.Equal(MessagingLimits.MessagesPerMinute, answers.Count(a => a.UserErrors("sendMessage").Count == 0));
        Assert.All(answers.Where(a => a.UserErrors("sendMessage").Count > 0), a => Assert.Equal([MessagingErrors.RateLimited], a.UserErrors("sendMessage")));
        await using var session = Host.Store.QuerySession();
        Assert.Equal(MessagingLimits.MessagesPerMinute, await session.Query<MessageRecord>().CountAsync(m => m.ConversationId == conv));
    }

    private async Task<long> EventCountAsync()
    {
        await using var session = Host.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    /// <summary>How many rows of any table of the host's schema hold <paramref name="text"/> in clear.</summary>
    private async Task<long> RowsContainingAsync(string text)
    {
        var data = Host.Services.GetRequiredService<NpgsqlDataSource>();
        var schema = Host.Store.Options.DatabaseSchemaName;
        var tables = new List<string>();
        await using (var list = data.CreateCommand("select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'"))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        long found = 0;
        foreach (var table in tables)
        {
            await using var count = data.CreateCommand($"select count(*) from \"{schema}\".\"{table}\" t where t::text like '%' || $1 || '%'");
            count.Parameters.Add(new NpgsqlParameter { Value = text });
            found += (long)(await count.ExecuteScalarAsync())!;
        }
        return found;
    }

    private async Task ControlsAsync(TestAccount teen, TestAccount parent, ParentalControls controls)
    {
        // The parent link's verbs are the lead's (Parental); the rules read only the guardianship, so the test writes its events.
        var id = Guardianship.StreamFor(teen.Id);
        var now = DateTimeOffset.UtcNow;
        await using var session = Host.Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Guardianship>(id);
        if (stream.Aggregate is null)
        {
            var invite = Guid.NewGuid();
            stream.AppendMany(new ParentLinkInvited(teen.Id, parent.Id, invite, now), new ParentLinked(teen.Id, parent.Id, invite, now));
        }
        stream.AppendOne(new ParentalControlsChanged(teen.Id, parent.Id, ["directMessages", "quietHours"], controls, now));
        await session.SaveChangesAsync();
    }
}
