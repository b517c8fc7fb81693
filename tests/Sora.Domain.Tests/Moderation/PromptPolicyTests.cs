using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Xunit;

namespace Sora.Domain.Tests.Moderation;

/// <summary>The prompt policy's matcher: whole normalized words, the usual disguises, configured categories.</summary>
public sealed class PromptPolicyTests
{
    private static readonly byte[] Key = "a test key for prompt fingerprints"u8.ToArray();
    private static readonly PromptPolicy Policy = new([.. PromptPolicy.Defaults, new PromptCategory("VIOLENCE_TEST", ["rape", "beheading video"])], Key);

    [Theory]
    [InlineData("nudify her", "NONCONSENSUAL_INTIMATE")]
    [InlineData("NÜDIFY her", "NONCONSENSUAL_INTIMATE")]
    [InlineData("n.u.d.i.f.y her", "NONCONSENSUAL_INTIMATE")]
    [InlineData("n u d i f y her", "NONCONSENSUAL_INTIMATE")]
    [InlineData("a deepfake--p0rn clip", "NONCONSENSUAL_INTIMATE")]
    [InlineData("Remove her   clothes", "NONCONSENSUAL_INTIMATE")]
    [InlineData("an underage nude model", "SEXUAL_MINORS")]
    [InlineData("a 1011 drawing", null)]
    [InlineData("a loli drawing", "SEXUAL_MINORS")]
    [InlineData("a beheading video", "VIOLENCE_TEST")]
    [InlineData("grapes on a vine", null)]
    [InlineData("a video of a beheading", null)]
    [InlineData("a child flies a kite", null)]
    [InlineData("she removes her coat", null)]
    public void Terms_match_whole_normalized_words(string prompt, string? category) => Assert.Equal(category, Policy.CategoryOf(prompt));

    [Fact]
    public void An_allowance_is_for_the_prompt_as_normalized()
    {
        Assert.Equal(Policy.Fingerprint("A still life, with PEARS!"), Policy.Fingerprint("a still life with pears"));
        Assert.NotEqual(Policy.Fingerprint("a still life with pears"), Policy.Fingerprint("a still life with plums"));
        // Keyed: another instance's fingerprint of the same prompt differs, and so does a bare SHA-256 of it.
        Assert.NotEqual(Policy.Fingerprint("a still life with pears"), new PromptPolicy([], "another key"u8.ToArray()).Fingerprint("a still life with pears"));
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("a still life with pears"u8)), Policy.Fingerprint("a still life with pears"));
        Assert.Null(new PromptPolicy([], Key).CategoryOf("nudify her"));
    }

    [Fact]
    public void A_review_is_only_for_a_refused_prompt_and_a_moderator_allows_it_once()
    {
        var requester = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var by = new Actor(requester, new HashSet<AccountRole> { AccountRole.User });
        Assert.Equal(CaseActions.NotActionable, RequestPromptReviewDecider.Decide(new RequestPromptReview(by, "pears"), null, Policy.Fingerprint("pears"), null, now).Refusal?.Code);
        var requested = (PromptReviewRequested)RequestPromptReviewDecider.Decide(new RequestPromptReview(by, "nudify her"), "NONCONSENSUAL_INTIMATE", Policy.Fingerprint("nudify her"), null, now).Events[0];
        Assert.Equal(Policy.Fingerprint("nudify her"), requested.Fingerprint);
        var review = ModerationCase.Create(requested);
        Assert.Equal((ReportTarget.Prompt, requester, CaseStatus.Open), (review.Target, review.AuthorId, review.Status));
        Assert.Empty(RequestPromptReviewDecider.Decide(new RequestPromptReview(by, "nudify her"), "NONCONSENSUAL_INTIMATE", Policy.Fingerprint("nudify her"), review, now).Events);

        var moderator = new Actor(Guid.NewGuid(), new HashSet<AccountRole> { AccountRole.Moderator });
        var allowed = AllowPromptDecider.Decide(new AllowPrompt(moderator, review.Id), review, review.PromptFingerprint, now);
        Assert.Equal([new PromptAllowed(review.Id, requester, requested.Fingerprint, moderator.AccountId, now)], allowed.Events);
        Assert.Equal(CaseActions.NotActionable,
            AllowPromptDecider.Decide(new AllowPrompt(moderator, review.Id), review.Apply((PromptAllowed)allowed.Events[0]), review.PromptFingerprint, now).Refusal?.Code);
        // The requester, moderator or not, never allows their own prompt.
        var self = by with { Roles = new HashSet<AccountRole> { AccountRole.Moderator } };
        Assert.Equal(ErrorCodes.Forbidden, AllowPromptDecider.Decide(new AllowPrompt(self, review.Id), review, review.PromptFingerprint, now).Refusal?.Code);
    }
}
