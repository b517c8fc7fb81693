using Sora.Domain.Generations;
using Sora.Render.Models.World;
using Sora.Render.Tests.Text;
using Xunit;
using Xunit.Abstractions;

namespace Sora.Render.Tests.World;

/// <summary>Prompts to plans through the real sentence model: what is understood, and paraphrases landing on the same plan.</summary>
[Collection("sentence-model")]
public sealed class ScenePlannerTests(SentenceModelFixture model, ITestOutputHelper output)
{
    private readonly ScenePlanner _planner = new(model.Embedder);

    private ScenePlan Plan(string prompt)
    {
        var plan = _planner.Plan(prompt);
        output.WriteLine($"{prompt} => {plan.Setting}, {plan.TimeOfDay}, {plan.Weather}, {plan.Camera}; " +
                         string.Join("; ", plan.Subjects.Select(s => $"{s.Count} {s.Size} {s.Colour} {s.Kind} {s.Action}{(s.Cameo is { } c ? $" cameo {c}" : "")}")) +
                         $"; unknown: {string.Join(",", plan.UnknownWords)}");
        return plan;
    }

    [Fact]
    public void A_car_on_a_coastal_road_at_sunset()
    {
        var plan = Plan("a red sports car racing along a coastal road at sunset");
        Assert.Equal(("road", "sunset", "follow"), (plan.Setting, plan.TimeOfDay, plan.Camera));
        var car = Assert.Single(plan.Subjects);
        Assert.Equal(("car", "red", "drive", 1), (car.Kind, car.Colour, car.Action, car.Count));
    }

    [Fact]
    public void Kittens_in_a_snowy_garden()
    {
        var plan = Plan("kittens playing in a snowy garden");
        Assert.Equal("snow field", plan.Setting);
        var cats = Assert.Single(plan.Subjects);
        Assert.Equal("cat", cats.Kind);
        Assert.True(cats.Count > 1);
    }

    [Theory]
    [InlineData("a red sports car racing along a coastal road at sunset", "a crimson automobile speeding down a seaside highway at dusk")]
    [InlineData("kittens playing in a snowy garden", "little kitties frolicking in the snow")]
    [InlineData("a basketball bouncing in a gym", "a basketball hopping around a sports hall")]
    [InlineData("a dog running on the beach", "a puppy sprinting along the seaside")]
    [InlineData("a diver diving into a swimming pool", "a swimmer plunging into the pool")]
    public void Paraphrases_land_on_the_same_plan(string prompt, string paraphrase)
    {
        var a = Plan(prompt);
        var b = Plan(paraphrase);
        Assert.Equal(a.Setting, b.Setting);
        Assert.Equal(a.TimeOfDay, b.TimeOfDay);
        Assert.Equal(a.Subjects.Select(s => (s.Kind, s.Colour, s.Action)), b.Subjects.Select(s => (s.Kind, s.Colour, s.Action)));
    }

    [Fact]
    public void Counts_colours_sizes_and_several_subjects()
    {
        var plan = Plan("three small blue balls and a big yellow box falling in a room at night");
        Assert.Equal(("room", "night"), (plan.Setting, plan.TimeOfDay));
        Assert.Equal(2, plan.Subjects.Length);
        Assert.Equal(("ball", "blue", "small", 3), (plan.Subjects[0].Kind, plan.Subjects[0].Colour, plan.Subjects[0].Size, plan.Subjects[0].Count));
        Assert.Equal(("box", "yellow", "big", "fall"), (plan.Subjects[1].Kind, plan.Subjects[1].Colour, plan.Subjects[1].Size, plan.Subjects[1].Action));
    }

    [Fact]
    public void A_cameo_is_a_person_numbered_not_named()
    {
        var plan = Plan("@ana_b jumping on a skateboard in a skatepark, foggy");
        Assert.Equal(("skatepark", "fog"), (plan.Setting, plan.Weather));
        Assert.Contains(plan.Subjects, s => s is { Kind: "person", Cameo: 0, Action: "jump" });
        Assert.Contains(plan.Subjects, s => s.Kind == "skateboard");
        Assert.DoesNotContain(plan.UnknownWords, w => w.Contains("ana"));
    }

    [Fact]
    public void Mentions_are_numbered_as_the_cameos_are_and_no_part_of_a_handle_is_kept()
    {
        var plan = Plan("@jane.doe and @bob_2 racing, then @jane.doe again; write to mail@example.com");
        var cameos = plan.Subjects.Where(s => s.Cameo is not null).ToList();
        Assert.Equal([0, 1], cameos.Select(c => c.Cameo!.Value));
        Assert.All(cameos, c => Assert.Equal("person", c.Kind));
        foreach (var part in new[] { "jane", "doe", "bob", "cameo" })
            Assert.DoesNotContain(plan.UnknownWords, w => w.Contains(part));
    }

    [Fact]
    public void Unknown_words_fall_back_and_are_reported()
    {
        var plan = Plan("a melancholy quantum bureaucrat contemplating");
        Assert.Contains("quantum", plan.UnknownWords);
        Assert.Equal("park", plan.Setting);
        Assert.Equal(("day", "sun"), (plan.TimeOfDay, plan.Weather));

        var empty = Plan("");
        Assert.Empty(empty.Subjects);
        Assert.Empty(empty.UnknownWords);
    }

    [Fact]
    public void The_vocabulary_is_at_least_what_the_issue_asks()
    {
        Assert.True(WorldVocabulary.Subjects.Length >= 30);
        Assert.True(WorldVocabulary.Settings.Length >= 12);
        Assert.True(WorldVocabulary.Actions.Length >= 12);
        Assert.Equal(WorldVocabulary.Subjects.Length, WorldVocabulary.Subjects.Select(s => s.Name).Distinct().Count());
        // Every default colour and habitat names a real entry.
        Assert.All(WorldVocabulary.Subjects, s => WorldVocabulary.Colour(s.Colour));
        Assert.All(WorldVocabulary.Subjects.Where(s => s.Habitat is not null), s => WorldVocabulary.Setting(s.Habitat!));
    }
}
