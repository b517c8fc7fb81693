using GraphQL.Types;
using Sora.Domain.Cameos;

namespace Sora.GraphQL.Schema.Cameos;

public sealed class CameoStatusType : EnumerationGraphType<CameoStatus>
{
    public CameoStatusType() => Name = "CameoStatus";
}

/// <summary>A cameo as its owner sees it. Only owners can read cameos so far; consent rules come next.</summary>
public sealed class CameoType : ObjectGraphType<Cameo>
{
    public CameoType()
    {
        Name = "Cameo";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<CameoStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.FailureReason, nullable: true).Description(
            "Why the last recording was refused: UNREADABLE_MEDIA, TOO_SHORT, NO_FACE, MULTIPLE_FACES, IDENTITY_CHANGED, NO_LIVENESS_MOTION, " +
            "NO_SPEECH, LIKENESS_ALREADY_CLAIMED (the face is another account's verified likeness; a dispute was opened), LIKENESS_OPTED_OUT " +
            "(the person shown registered that their likeness must never be used), or LIKENESS_DISPUTE_LOST (a moderator decided a dispute over this face " +
            "for the other account).");
        Field(x => x.LikenessInForce).Description(
            "A verified likeness stands: true from the first successful verification until deletion, also while a re-recording is " +
            "verifying or after one failed (the verified likeness stays in force until a new recording verifies).");
        Field(x => x.VerifiedAt, nullable: true).Description("When the likeness in force was verified.");
        Field(x => x.Phrase).Description("What to read aloud in the recording.");
        Field(x => x.Attempts).Description("Recordings submitted so far.");
        Field(x => x.CreatedAt);
        Field(x => x.UpdatedAt);
        CameoConsentFields.Add(this);
        CameoUsageFields.Add(this);
        Moderation.LikenessDisputeFields.Add(this);
        Parental.CameoCosignature.AddFields(this);
    }
}

public sealed record RecordingUploadInfo(string Url, string Method, long MaxBytes, string[] AcceptedFormats);

public sealed class RecordingUploadType : ObjectGraphType<RecordingUploadInfo>
{
    public RecordingUploadType()
    {
        Name = "RecordingUpload";
        Description = "Where to send the recording: the raw video as the request body, with the same bearer token.";
        Field(x => x.Url);
        Field(x => x.Method);
        Field(x => x.MaxBytes, type: typeof(NonNullGraphType<FloatGraphType>)).Description("Size limit in bytes.");
        Field(x => x.AcceptedFormats);
    }
}
