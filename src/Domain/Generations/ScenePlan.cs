namespace Sora.Domain.Generations;

/// <summary>
/// What the built-in world model understood of a prompt, in its own vocabulary (docs/render.md lists it): where, when,
/// how the camera moves, and who does what. Recorded with the render so that a viewer (and the requester) can see why
/// the video looks as it does; <see cref="UnknownWords"/> are the prompt's words it found no place for. Cameo subjects
/// are numbered in the order the prompt mentions them, never named: a handle is an account, not scene content.
/// </summary>
public sealed record ScenePlan(string Setting, string TimeOfDay, string Weather, string Camera, ScenePlanSubject[] Subjects,
    string[] UnknownWords);

/// <summary>One kind of subject: <see cref="Count"/> alike, in <see cref="Colour"/>, doing <see cref="Action"/>.</summary>
public sealed record ScenePlanSubject(string Kind, string Colour, string Size, int Count, string Action, int? Cameo = null);
