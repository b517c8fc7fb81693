using Sora.Domain.Common;
using Xunit;

namespace Sora.Domain.Tests.Common;

public sealed class DeterministicGuidTests
{
    [Fact]
    public void The_same_inputs_give_the_same_rfc_version_8_id()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var id = DeterministicGuid.From("scope", a, b);
        Assert.Equal(id, DeterministicGuid.From("scope", a, b));
        Assert.NotEqual(id, DeterministicGuid.From("other", a, b));
        Assert.NotEqual(id, DeterministicGuid.From("scope", b, a));
        Assert.Equal(8, id.Version);
    }
}
