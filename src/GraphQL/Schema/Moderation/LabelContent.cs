using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class ContentLabelType : EnumerationGraphType<ContentLabel>
{
    public ContentLabelType()
    {
        Name = "ContentLabel";
        Description = "What a moderator's label tells viewers before they watch.";
    }
}

public sealed class LabelContentPayloadType() : CasePayloadType("LabelContentPayload");

/// <summary>labelContent: the case's video stays up with a label viewers see.</summary>
public static class LabelContentMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<LabelContentPayloadType>(mutation, "labelContent",
            "Labels the case's video (it stays up; video { labels } shows the label). The author may appeal. Moderators only; never on your own content or a case you reported.",
            input => input.Field<NonNullGraphType<ContentLabelType>>("label"),
            (by, caseId, values) => new LabelContent(by, caseId, (ContentLabel)values["label"]!));
}
