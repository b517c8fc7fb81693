using Sora.Domain.Notifications;
using GraphQL.Types;
using Sora.Domain.Generations;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Schema.Generations;

public sealed class VideoAspectType : EnumerationGraphType
{
    public VideoAspectType()
    {
        Name = "VideoAspect";
        Add("PORTRAIT_9_16", VideoAspect.Portrait9x16, "9:16, the feed's native shape.");
        Add("SQUARE_1_1", VideoAspect.Square1x1, "1:1.");
        Add("LANDSCAPE_16_9", VideoAspect.Landscape16x9, "16:9.");
    }
}

public sealed class VideoStyleType : EnumerationGraphType
{
    public VideoStyleType()
    {
        Name = "VideoStyle";
        Add("WORLD", VideoStyle.World, "sora-world-1: the prompt planned as a scene, simulated with physics and rendered.");
        Add("ABSTRACT", VideoStyle.Abstract, "sora-cppn-1: the prompt as moving fields of colour.");
    }
}

public sealed class VideoResolutionType : EnumerationGraphType
{
    public VideoResolutionType()
    {
        Name = "VideoResolution";
        Description = "The short side of the frame.";
        Add("SD_480P", VideoResolution.Sd480, "480 pixels.");
        Add("HD_720P", VideoResolution.Hd720, "720 pixels.");
        Add("FHD_1080P", VideoResolution.Fhd1080, "1080 pixels.");
    }
}

public sealed class GenerationStateType : EnumerationGraphType<GenerationState>
{
    public GenerationStateType()
    {
        Name = "GenerationState";
        Description = "QUEUED (with position), RENDERING (with percent), ENCODING, READY, FAILED or BLOCKED (with a reason), CANCELLED.";
    }
}

public enum VideoStatus
{
    Draft,
    PendingApproval,
    Published,
    Withdrawn,
    Blocked,
}

public sealed class VideoStatusType : EnumerationGraphType<VideoStatus>
{
    public VideoStatusType() => Name = "VideoStatus";
}

public static class GenerationStates
{
    public static GenerationState Of(Generation g) => g.Stage switch
    {
        GenerationStage.Queued => GenerationState.Queued,
        GenerationStage.Rendering => GenerationState.Rendering,
        GenerationStage.Ready => GenerationState.Ready,
        GenerationStage.Failed => GenerationState.Failed,
        GenerationStage.Cancelled => GenerationState.Cancelled,
        _ => GenerationState.Blocked,
    };

    public static VideoStatus VideoStatusOf(Generation g) => g.Stage == GenerationStage.Blocked
        ? VideoStatus.Blocked
        : g.Publication switch
        {
            Publication.PendingApproval => VideoStatus.PendingApproval,
            Publication.Published => VideoStatus.Published,
            Publication.Withdrawn => VideoStatus.Withdrawn,
            _ => VideoStatus.Draft,
        };
}
