using GraphQL.Types;

namespace Sora.GraphQL.Schema.Generations;

public sealed class RequestGenerationInputType : InputObjectGraphType
{
    public RequestGenerationInputType()
    {
        Name = "RequestGenerationInput";
        Field<NonNullGraphType<StringGraphType>>("prompt").Description("1-1000 characters; @handle mentions put those cameos in (at most 2); \"quoted\" text is spoken.");
        Field<NonNullGraphType<IntGraphType>>("durationSeconds").Description("5, 10 or 15.");
        Field<NonNullGraphType<VideoAspectType>>("aspect");
        Field<NonNullGraphType<VideoResolutionType>>("resolution");
        Field<StringGraphType>("seed").Description("A 64-bit integer as a string; the same prompt and seed give the same frames.");
        Field<StringGraphType>("image").Description("The id from POST /media/uploads (image-to-video).");
        Field<IdGraphType>("remixOf").Description("A video to remix (its lineage is kept).");
        Field<VideoStyleType>("style").Description("WORLD (the default): the prompt as a simulated scene. ABSTRACT: moving colour fields.");
        Field<NonNullGraphType<StringGraphType>>("clientRequestId").Description("Your id for this request: a retry with the same id returns the first result and is not charged again.");
    }
}

public sealed class GenerationPriceInputType : InputObjectGraphType
{
    public GenerationPriceInputType()
    {
        Name = "GenerationPriceInput";
        Field<NonNullGraphType<IntGraphType>>("durationSeconds");
        Field<NonNullGraphType<VideoResolutionType>>("resolution");
    }
}

public sealed class GenerationIdInputType : InputObjectGraphType
{
    public GenerationIdInputType()
    {
        Name = "GenerationIdInput";
        Field<NonNullGraphType<IdGraphType>>("generationId");
    }
}
