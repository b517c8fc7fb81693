using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Xunit;

namespace Sora.Domain.Tests.Feed;

public sealed class CommentRulesTests
{
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid VideoOwner = Guid.NewGuid();
    private static Actor As(Guid who, params AccountRole[] roles) => new(who, roles.Append(AccountRole.User).ToHashSet());

    [Theory]
    [InlineData("nice video")]
    [InlineData("  trimmed  ")]
    [InlineData("two\nlines\r\nare fine")]
    public void Plain_text_comments_are_accepted(string text) => Assert.Null(CommentRules.Check(text));

    [Fact]
    public void Exactly_the_maximum_length_is_accepted_after_trimming() =>
        Assert.Null(CommentRules.Check("  " + new string('c', CommentRules.MaxLength) + "  "));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("tab\tinside")]
    [InlineData("bell\u0007")]
    [InlineData("nul\0")]
    public void Empty_or_non_plain_comments_are_refused_on_the_text_field(string? text)
    {
        var refusal = CommentRules.Check(text);
        Assert.Equal((ErrorCodes.BadUserInput, "text"), (refusal?.Code, refusal?.Field));
    }

    [Fact]
    public void One_character_over_the_maximum_is_refused() =>
        Assert.Equal("text", CommentRules.Check(new string('c', CommentRules.MaxLength + 1))?.Field);

    [Fact]
    public void A_retried_comment_gets_the_same_id_per_author_and_request_and_none_without_a_request_id()
    {
        Assert.Equal(CommentRules.IdFor(Author, "req-1"), CommentRules.IdFor(Author, "req-1"));
        Assert.NotEqual(CommentRules.IdFor(Author, "req-1"), CommentRules.IdFor(Author, "req-2"));
        Assert.NotEqual(CommentRules.IdFor(Author, "req-1"), CommentRules.IdFor(Guid.NewGuid(), "req-1"));
        Assert.NotEqual(CommentRules.IdFor(Author, null), CommentRules.IdFor(Author, null));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("a", false)]
    [InlineData("", true)]
    public void Client_request_ids_are_one_to_a_hundred_characters(string? id, bool refused) =>
        Assert.Equal(refused, CommentRules.CheckClientRequestId(id) is { Code: ErrorCodes.BadUserInput, Field: "clientRequestId" });

    [Fact]
    public void A_client_request_id_of_a_hundred_and_one_characters_is_refused()
    {
        Assert.Null(CommentRules.CheckClientRequestId(new string('r', 100)));
        Assert.Equal("clientRequestId", CommentRules.CheckClientRequestId(new string('r', 101))?.Field);
    }

    [Fact]
    public void The_author_the_video_owner_moderators_and_admins_may_delete_and_nobody_else()
    {
        var comment = new Comment { Id = Guid.NewGuid(), AuthorId = Author, VideoOwnerId = VideoOwner };
        Assert.True(CommentRules.MayDelete(comment, As(Author)));
        Assert.True(CommentRules.MayDelete(comment, As(VideoOwner)));
        Assert.True(CommentRules.MayDelete(comment, As(Guid.NewGuid(), AccountRole.Moderator)));
        Assert.True(CommentRules.MayDelete(comment, As(Guid.NewGuid(), AccountRole.Admin)));
        Assert.False(CommentRules.MayDelete(comment, As(Guid.NewGuid())));
        Assert.False(CommentRules.MayDelete(comment, As(Guid.NewGuid(), AccountRole.Auditor)));
    }
}
