using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class BanAccountPayloadType() : CasePayloadType("BanAccountPayload");

/// <summary>banAccount: the case's author is suspended without end and their videos are taken down.</summary>
public static class BanAccountMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<BanAccountPayloadType>(mutation, "banAccount",
            "Bans the case's author: a suspension without end, and every video they have up is taken down (with its remixes) in the same transaction. " +
            "An overturned appeal brings them back. Moderators only; never on your own content or a case you reported.",
            _ => { },
            (by, caseId, _) => new BanAccount(by, caseId));
}
