using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

public sealed class PrivacyFeature : IStoreFeature
{
    public void Configure(StoreOptions opts)
    {
        opts.Schema.For<SubjectKey>();
        opts.Schema.For<SealedRecord>().Duplicate(x => x.SubjectId);
    }
}
