using GraphQL;
using GraphQL.Types;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Cameos;
using Sora.GraphQL.Schema.Notifications;
using Sora.GraphQL.Schema.Social;

namespace Sora.GraphQL.Schema;

/// <summary>The schema root. Each feature adds its own fields, so this file only lists features.</summary>
public sealed class SoraSchema : global::GraphQL.Types.Schema
{
    public SoraSchema(IServiceProvider services) : base(services)
    {
        Description = "Sora: an AI video social network with consent-first cameos.";

        var query = new ObjectGraphType { Name = "Query" };
        AccountQueries.Add(query);
        CameoOperations.AddQueries(query);
        AuditorQueries.Add(query);
        CameoConsentQuery.Add(query);
        LikenessDisputeQueries.Add(query);
        Generations.VideoQueries.Add(query);
        Credits.CreditsQueries.Add(query);
        Moderation.ModerationQueries.Add(query);
        Moderation.StandingQueries.Add(query);
        Moderation.ModerationCaseView.AddQuery(query);
        Moderation.TransparencyReportQuery.Add(query);
        Feed.FeedQueries.Add(query);
        Feed.SearchQueries.Add(query);
        Parental.FamilyQueries.Add(query);
        Privacy.ExportMyDataOperations.AddQueries(query);
        InboxQueries.Add(query);
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        AccountMutations.Add(mutation);
        SocialMutations.Add(mutation);
        CameoOperations.AddMutations(mutation);
        CameoConsentMutations.Add(mutation);
        CameoOwnerMutations.Add(mutation);
        Generations.GenerationMutations.Add(mutation);
        Credits.GrantCreditsMutation.Add(mutation);
        Credits.PurchaseCreditsMutation.Add(mutation);
        Moderation.FileReportMutation.Add(mutation);
        Moderation.RemoveContentMutation.Add(mutation);
        Moderation.RestoreContentMutation.Add(mutation);
        Moderation.DismissCaseMutation.Add(mutation);
        Moderation.StrikeAuthorMutation.Add(mutation);
        Moderation.SuspendAccountMutation.Add(mutation);
        Moderation.BanAccountMutation.Add(mutation);
        Moderation.LabelContentMutation.Add(mutation);
        Moderation.AgeRestrictContentMutation.Add(mutation);
        Moderation.TakedownRequests.Add(mutation, query);
        Moderation.AppealActionMutation.Add(mutation);
        Moderation.FileCounterNoticeMutation.Add(mutation);
        Moderation.RequestPromptReviewMutation.Add(mutation);
        Moderation.AllowPromptMutation.Add(mutation);
        Moderation.DecideAppealMutation.Add(mutation);
        Moderation.LikenessDisputeActions.Add(mutation, query);
        Moderation.LikenessOptOutOperations.Add(mutation, query);
        Feed.FeedMutations.Add(mutation);
        Parental.FamilyMutations.Add(mutation);
        Parental.CameoCosignature.AddMutations(mutation);
        Privacy.DeleteAccountMutation.Add(mutation);
        Privacy.CancelAccountDeletionMutation.Add(mutation);
        Privacy.ExportMyDataOperations.AddMutation(mutation);
        NotificationMutations.Add(mutation);
        Mutation = mutation;

        var subscription = new ObjectGraphType { Name = "Subscription" };
        UserEventsSubscription.Add(subscription);
        Generations.GenerationSubscription.Add(subscription);
        Moderation.ModerationQueueSubscription.Add(subscription);
        Feed.VideoRemovedSubscription.Add(subscription);
        Messaging.MessagingSchema.Add(query, mutation, subscription);
        Subscription = subscription;

        // Introspection is bounded by the schema itself: it costs nothing against the query limits, so GraphiQL,
        // Apollo tooling and codegen can read the schema (depth is exempted in GraphQLSetup).
        this.WithIntrospectionComplexityImpact(0);
    }
}
