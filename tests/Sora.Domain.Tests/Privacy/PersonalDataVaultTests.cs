using System.Security.Cryptography;
using Sora.Domain.Privacy;
using Xunit;

namespace Sora.Domain.Tests.Privacy;

public sealed class PersonalDataVaultTests
{
    [Fact]
    public void Lookup_hashes_are_stable_per_key_and_scope_and_reveal_nothing()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var vault = new PersonalDataVault(key);
        Assert.Equal(vault.LookupHash("email", "a@b.c"), new PersonalDataVault(key).LookupHash("email", "a@b.c"));
        Assert.NotEqual(vault.LookupHash("email", "a@b.c"), vault.LookupHash("external", "a@b.c"));
        Assert.NotEqual(vault.LookupHash("email", "a@b.c"), new PersonalDataVault(RandomNumberGenerator.GetBytes(32)).LookupHash("email", "a@b.c"));
        Assert.DoesNotContain("a@b.c", vault.LookupHash("email", "a@b.c"));
    }

    [Fact]
    public void The_master_key_must_be_256_bits() =>
        Assert.Throws<ArgumentException>(() => new PersonalDataVault(new byte[16]));
}
