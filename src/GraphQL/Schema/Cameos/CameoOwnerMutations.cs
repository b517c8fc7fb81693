using Sora.Domain.Common;
using GraphQL.Types;
using Sora.Domain.Cameos;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>Forget a cameo, or decide about one use of it. Owner only; anyone else gets NOT_FOUND.</summary>
public static class CameoOwnerMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        Add(mutation, "deleteCameo", "Deletes the cameo and destroys its key: the recording and the face template become unreadable, " +
            "every use is withdrawn, and the history keeps the deletion.", OwnerAction.Delete, withUse: false);
        Add(mutation, "approveCameoUse", "Approves a use waiting in approval mode.", OwnerAction.ApproveUse, withUse: true);
        Add(mutation, "declineCameoUse", "Declines a use waiting in approval mode; it is withdrawn.", OwnerAction.DeclineUse, withUse: true);
        Add(mutation, "removeCameoUse", "Removes any use of your likeness, at any time; it is withdrawn.", OwnerAction.RemoveUse, withUse: true);
    }

    private static void Add(ObjectGraphType mutation, string name, string description, OwnerAction action, bool withUse) =>
        CameoMutation.Add<CommandResult>(mutation, name, description, withUse ? [CameoMutation.Required<IdGraphType>("useId")] : [],
            (by, cameoId, input) => new ActOnCameo(by, cameoId, action, withUse ? CameoMutation.Id(input, "useId") : null), r => (null, r.Refusal));
}
