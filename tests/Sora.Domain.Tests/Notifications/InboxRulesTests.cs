using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Moderation;
using Sora.Domain.Notifications;
using Sora.Domain.Parental;
using Sora.Domain.Social;
using Sora.Projections.Moderation;
using Sora.Projections.Notifications;
using Xunit;

namespace Sora.Domain.Tests.Notifications;

/// <summary>The inbox kinds of the one mapping: given an event and the facts it needs, these notifications (or none).</summary>
public sealed class InboxRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Fan = Guid.NewGuid();
    private static readonly Guid Video = Guid.NewGuid();
    private static readonly Guid Remix = Guid.NewGuid();

    private static NotificationFacts Facts(params VideoFact[] videos) => new() { Videos = videos.ToDictionary(v => v.Id) };

    [Fact]
    public void A_like_notifies_the_videos_author_found_in_the_facts()
    {
        var n = Assert.Single(NotificationRules.For(new VideoLiked(Fan, Video, "DE", Now), 5, Facts(new VideoFact(Video, Author, null))));
        Assert.Equal(new UserNotification(Author, NotificationKind.VideoLiked, Fan, Now, 5, VideoId: Video), n);
        // Without the video's author there is nobody to tell (the live path alone could not know it).
        Assert.Empty(NotificationRules.For(new VideoLiked(Fan, Video, null, Now), 5));
    }

    [Fact]
    public void Own_likes_comments_and_remixes_notify_nobody()
    {
        var facts = Facts(new VideoFact(Video, Author, null), new VideoFact(Remix, Author, Video));
        Assert.Empty(NotificationRules.For(new VideoLiked(Author, Video, null, Now), 1, facts));
        Assert.Empty(NotificationRules.For(new CommentPosted(Guid.NewGuid(), Video, Author, Author, "mine", Now), 1, facts));
        Assert.Empty(NotificationRules.For(new VideoPublished(Remix, Author, Now), 1, facts));
    }

    [Fact]
    public void A_comment_notifies_the_owner_with_the_comment_and_video()
    {
        var comment = Guid.NewGuid();
        var n = Assert.Single(NotificationRules.For(new CommentPosted(comment, Video, Fan, Author, "nice", Now), 6));
        Assert.Equal((Author, NotificationKind.VideoCommented, Fan, Video, comment), (n.RecipientId, n.Kind, n.ActorId, n.VideoId, n.CommentId));
    }

    [Fact]
    public void A_published_remix_notifies_the_sources_author_and_a_plain_publish_nobody()
    {
        var facts = Facts(new VideoFact(Video, Author, null), new VideoFact(Remix, Fan, Video));
        var n = Assert.Single(NotificationRules.For(new VideoPublished(Remix, Fan, Now), 8, facts));
        Assert.Equal(new UserNotification(Author, NotificationKind.VideoRemixed, Fan, Now, 8, VideoId: Remix), n);
        Assert.Empty(NotificationRules.For(new VideoPublished(Video, Author, Now), 9, facts));
    }

    [Fact]
    public void A_moderation_outcome_tells_the_author_and_the_reporters_never_naming_the_moderator()
    {
        var reporter = Guid.NewGuid();
        var moderator = Guid.NewGuid();
        var caseId = ModerationCase.IdFor(ReportTarget.Video, Video);
        var @case = ModerationCase.Create(new ReportFiled(FileReportDecider.ReportIdFor(reporter, ReportTarget.Video, Video), caseId, reporter,
            ReportTarget.Video, Video, Author, ReportReason.Spam, false, Now));
        var facts = new NotificationFacts { Cases = new Dictionary<Guid, ModerationCase> { [caseId] = @case } };

        var told = NotificationRules.For(new ContentRemoved(caseId, ReportTarget.Video, Video, moderator, ReportReason.Spam, Now), 11, facts).ToArray();
        Assert.Equal([NotificationKind.ModerationQueueUpdated, NotificationKind.ModerationAction, NotificationKind.ReportOutcome], told.Select(n => n.Kind));
        var author = told[1];
        Assert.Equal((Author, Author, caseId, ModerationChange.Removed), (author.RecipientId, author.ActorId, author.CaseId, author.Change));
        Assert.DoesNotContain(told, n => n.ActorId == moderator);
        Assert.Null(author.ReportId);

        // A dismissal changed nothing for the author: only the reporter hears of it.
        var dismissed = NotificationRules.For(new CaseDismissed(caseId, moderator, Now), 12, facts).Where(n => NotificationKinds.IsStored(n.Kind)).ToArray();
        Assert.Equal(reporter, Assert.Single(dismissed).RecipientId);
    }

    [Fact]
    public void Parent_link_events_tell_the_other_side()
    {
        var teen = Guid.NewGuid();
        var parent = Guid.NewGuid();
        var other = Guid.NewGuid();
        var invite = Guid.NewGuid();
        var facts = new NotificationFacts { Parents = new Dictionary<Guid, Guid[]> { [teen] = [other] } };

        var invited = Assert.Single(NotificationRules.For(new ParentLinkInvited(teen, parent, invite, Now), 1, facts));
        Assert.Equal((teen, NotificationKind.ParentLinkInvited, parent, teen), (invited.RecipientId, invited.Kind, invited.ActorId, invited.TeenId));

        var linked = NotificationRules.For(new ParentLinked(teen, parent, invite, Now), 2, facts).ToArray();
        Assert.Equal([(parent, teen), (other, parent)], linked.Select(n => (n.RecipientId, n.ActorId)));

        Assert.Equal(parent, Assert.Single(NotificationRules.For(new ParentLinkInviteClosed(teen, parent, invite, teen, Now), 3, facts)).RecipientId);
        Assert.Equal(teen, Assert.Single(NotificationRules.For(new ParentLinkInviteClosed(teen, parent, invite, parent, Now), 3, facts)).RecipientId);
        Assert.Equal(parent, Assert.Single(NotificationRules.For(new ParentUnlinked(teen, parent, teen, Now), 4, facts)).RecipientId);
        Assert.Equal(teen, Assert.Single(NotificationRules.For(new ParentUnlinked(teen, parent, parent, Now), 4, facts)).RecipientId);

        var controls = NotificationRules.For(new ParentalControlsChanged(teen, other, ["dailyScrollCap"], ParentalControls.None, Now), 5,
            new NotificationFacts { Parents = new Dictionary<Guid, Guid[]> { [teen] = [other, parent] } }).ToArray();
        Assert.Equal([(teen, other), (parent, other)], controls.Select(n => (n.RecipientId, n.ActorId)));
        Assert.All(controls, n => Assert.Equal((NotificationKind.ParentalControlsChanged, teen), (n.Kind, n.TeenId)));
    }

    [Fact]
    public void A_teens_cameo_proposal_asks_each_linked_parent()
    {
        var (teen, mum, dad, cameo) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var asked = NotificationRules.For(new Sora.Domain.Cameos.CameoChangeProposed(cameo, Guid.NewGuid(), null, Guid.NewGuid(), null, null, teen, Now), 7,
            new NotificationFacts { Parents = new Dictionary<Guid, Guid[]> { [teen] = [mum, dad] } }).ToArray();
        Assert.Equal([mum, dad], asked.Select(n => n.RecipientId));
        Assert.All(asked, n => Assert.Equal((NotificationKind.CameoChangeProposed, teen, cameo, (Guid?)teen), (n.Kind, n.ActorId, n.CameoId!.Value, n.TeenId)));
    }

    [Fact]
    public void Progress_echoes_the_queue_topic_and_each_message_are_live_only_and_everything_else_is_configurable()
    {
        Assert.False(NotificationKinds.IsStored(NotificationKind.MessageAdded));
        Assert.True(NotificationKinds.IsStored(NotificationKind.CameoChangeProposed));
        Assert.False(NotificationKinds.IsStored(NotificationKind.GenerationUpdated));
        Assert.False(NotificationKinds.IsStored(NotificationKind.CameoUseRemoved));
        Assert.False(NotificationKinds.IsStored(NotificationKind.ModerationQueueUpdated));
        Assert.Contains(NotificationKind.MessageRequestReceived, NotificationKinds.Configurable);
        Assert.Equal(Enum.GetValues<NotificationKind>().Length - 4, NotificationKinds.Configurable.Length);
    }

    [Fact]
    public void An_inbox_item_id_follows_from_recipient_and_event_so_a_replay_yields_the_same_one()
    {
        var eventId = Guid.NewGuid();
        var n = new UserNotification(Author, NotificationKind.NewFollower, Fan, Now, 3);
        var item = InboxItem.For(n, eventId, read: false);
        Assert.Equal(item.Id, InboxItem.For(n, eventId, read: true).Id);
        Assert.NotEqual(item.Id, InboxItem.For(n with { RecipientId = Fan }, eventId, read: false).Id);
        Assert.Equal((item.Id, Author, Fan, 3L), (item.Notification.ItemId!.Value, item.RecipientId, item.ActorId, item.Seq));
    }

    [Fact]
    public async Task Unrelated_events_need_no_facts() =>
        // No session: a transaction of follows asks the database nothing.
        Assert.Same(NotificationFacts.None, await NotificationFacts.LoadAsync(null!, [new Followed(Fan, Author, Now), new Unfollowed(Fan, Author, Now)], default));
}
