using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class FileCounterNoticeInputType : InputObjectGraphType
{
    public FileCounterNoticeInputType()
    {
        Name = "FileCounterNoticeInput";
        Field<NonNullGraphType<IdGraphType>>("caseId").Description("From myModerationCases: a removal that a takedown request asked for.");
        Field<NonNullGraphType<StringGraphType>>("statement")
            .Description($"Why the video may stay up (for example: the person shown agreed), at most {AppealActionDecider.MaxStatement} characters. Sealed; moderators read it.");
        Field<NonNullGraphType<BooleanGraphType>>("goodFaith").Description("You state, in good faith, that the removal was a mistake. Must be true.");
    }
}

public sealed class FileCounterNoticePayloadType() : AuthorCasePayloadType("FileCounterNoticePayload");

/// <summary>fileCounterNotice: the author answers a takedown request; a second moderator decides it as an appeal.</summary>
public static class FileCounterNoticeMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<FileCounterNoticePayloadType>>("fileCounterNotice")
            .Description("Answers the takedown request behind a removal of your video, once: it is the case's appeal, decided by a moderator other than the one who removed it (decideAppeal). The requester sees it in takedownStatus.")
            .Argument<NonNullGraphType<FileCounterNoticeInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var caseId = ResolveContextExtensions.ParseId(input["caseId"]?.ToString(), "caseId");
                return await AuthorCasePayloadType.AnswerAsync(ctx,
                    new FileCounterNotice(ctx.RequireActor(), caseId, (string)input["statement"]!, (bool)input["goodFaith"]!));
            });
}
