using System.IO.Compression;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Media;
using Sora.Domain.Messaging;
using Sora.Domain.Parental;
using Sora.Domain.Privacy;
using Wolverine;

namespace Sora.Render.Privacy;

/// <summary>
/// Builds an account's archive (the format is documented in docs/privacy.md): a ZIP of JSON files and the account's media,
/// written to a temporary file, encrypted in chunks under the export's derived key into the media store, and reported
/// back with <see cref="FinishDataExport"/>. The temporary plain file is deleted whatever happens.
/// </summary>
public static class BuildDataExportHandler
{
    public const int FormatVersion = 1;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task Handle(BuildDataExport job, IDocumentStore store, NpgsqlDataSource database, PersonalDataVault vault, IMediaStore media,
        IMessageBus bus, TimeProvider clock, ILogger<BuildDataExport> logger, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<DataExport>(job.ExportId, ct) is not { Status: DataExportStatus.Building }) return;
        var plain = Path.Combine(Path.GetTempPath(), $"sora-export-{job.ExportId:N}.zip");
        var sealedPath = plain + ".enc";
        try
        {
            await WriteArchiveAsync(plain, job, session, database, vault, media, clock.GetUtcNow(), ct);
            await using (var input = File.OpenRead(plain))
            await using (var output = File.Create(sealedPath))
                await ExportArchive.EncryptAsync(input, output, vault.DerivedKey("export", job.ExportId), job.ExportId, ct);
            var archive = await media.PutFileAsync(sealedPath, ct);
            await bus.InvokeAsync<Sora.Domain.Common.CommandResult>(new FinishDataExport(job.ExportId, archive, new FileInfo(sealedPath).Length, null), ct);
            // The account may have been deleted while this ran: its export is closed then, and what was stored must go.
            await using var check = store.QuerySession();
            if (await check.LoadAsync<DataExport>(job.ExportId, ct) is not { Status: DataExportStatus.Ready } export || export.ArchiveId != archive)
                await media.DeleteAsync(archive, ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            logger.LogWarning(e, "Export {Export} failed", job.ExportId);
            await bus.InvokeAsync<Sora.Domain.Common.CommandResult>(new FinishDataExport(job.ExportId, null, 0, "EXPORT_FAILED"), ct);
        }
        finally
        {
            File.Delete(plain);
            File.Delete(sealedPath);
        }
    }

    private static async Task WriteArchiveAsync(string path, BuildDataExport job, IQuerySession session, NpgsqlDataSource database,
        PersonalDataVault vault, IMediaStore media, DateTimeOffset now, CancellationToken ct)
    {
        var me = job.AccountId;
        var files = new List<object>();
        await using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);

        async Task AddJsonAsync(string name, object value)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            await using var stream = entry.Open();
            await JsonSerializer.SerializeAsync(stream, value, Json, ct);
            files.Add(new { path = name, kind = "json" });
        }

        async Task AddMediaAsync(string name, string? id)
        {
            if (id is null || media.OpenRead(id) is not { } source) return;
            await using (source)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                await using var target = entry.Open();
                await source.CopyToAsync(target, ct);
            }
            files.Add(new { path = name, kind = "media", sha256 = id });
        }

        var account = await session.LoadAsync<Account>(me, ct);
        var personal = await vault.OpenAsync<AccountPersonalData>(session, me, SignUpHandler.PersonalDataKind, ct);
        await AddJsonAsync("profile.json", new
        {
            accountId = me, handle = account?.Handle, createdAt = account?.CreatedAt, roles = account?.Roles,
            email = personal?.Email, birthDate = personal?.BirthDate, displayName = personal?.DisplayName, bio = personal?.Bio,
        });

        var feed = await session.LoadAsync<FeedSettings>(FeedSettings.StreamFor(me), ct);
        var topics = await vault.OpenAsync<List<AssistantTopic>>(session, me, ImportAssistantTopicsHandler.AssistantTopicsKind, ct);
        var guardianship = await session.LoadAsync<Guardianship>(Guardianship.StreamFor(me), ct);
        var asParent = await session.Query<Guardianship>().Where(g => g.Parents.Contains(me)).ToListAsync(ct);
        await AddJsonAsync("settings.json", new
        {
            feed = new { personalized = feed?.Personalized ?? true, dailyScrollCap = feed?.DailyScrollCap, assistantConnected = feed?.AssistantConnected ?? false },
            assistantTopics = topics ?? [],
            parents = guardianship?.Parents ?? [],
            controlsSetByParents = guardianship?.Controls,
            teens = asParent.Select(g => new { teenId = g.TeenId, controls = g.Controls }),
        });

        var generations = await session.Query<Generation>().Where(g => g.RequesterId == me).OrderBy(g => g.RequestedAt).ToListAsync(ct);
        await AddJsonAsync("videos.json", generations.Select(g => new
        {
            id = g.Id, prompt = g.Prompt, requestedAt = g.RequestedAt, stage = g.Stage.ToString(), publication = g.Publication.ToString(),
            durationSeconds = g.DurationSeconds, remixOf = g.RemixOf, cameos = g.Cameos.Select(c => c.CameoId),
            video = g.VideoMediaId is null ? null : $"videos/{g.Id:N}.mp4", poster = g.PosterMediaId is null ? null : $"posters/{g.Id:N}.jpg",
        }));
        foreach (var g in generations)
        {
            await AddMediaAsync($"videos/{g.Id:N}.mp4", g.VideoMediaId);
            await AddMediaAsync($"posters/{g.Id:N}.jpg", g.PosterMediaId);
        }
        var uploads = await session.Query<MediaObject>().Where(m => m.OwnerId == me && m.Kind == MediaKind.Upload).ToListAsync(ct);
        foreach (var upload in uploads) await AddMediaAsync($"uploads/{upload.Sha256}{Extension(upload.ContentType)}", upload.Sha256);

        var cameos = await session.Query<Cameo>().Where(c => c.OwnerId == me).ToListAsync(ct);
        var cameoIds = cameos.Select(c => c.Id).ToArray();
        var usages = cameoIds.Length == 0 ? [] : await session.Query<CameoUsage>().Where(u => cameoIds.Contains(u.CameoId)).ToListAsync(ct);
        await AddJsonAsync("cameos.json", cameos.Select(c => new
        {
            id = c.Id, status = c.Status.ToString(), audience = c.Audience.ToString(), createdAt = c.CreatedAt, verifiedAt = c.VerifiedAt,
            grants = c.Grants, blocked = c.Blocked, restrictions = c.Restrictions, approvalRequired = c.ApprovalRequired,
            usage = usages.Where(u => u.CameoId == c.Id).OrderBy(u => u.At).Select(u => new
            {
                useId = u.Id, requesterId = u.RequesterId, right = u.RightKind.ToString(), grantId = u.GrantId, audience = u.Audience.ToString(),
                status = u.Status.ToString(), withdrawnReason = u.WithdrawnReason, receiptHash = u.ReceiptHash, at = u.At,
            }),
        }));

        var comments = await session.Query<Comment>().Where(c => c.AuthorId == me).OrderBy(c => c.PostedAt).ToListAsync(ct);
        await AddJsonAsync("comments.json", comments.Select(c => new { id = c.Id, videoId = c.VideoId, text = c.Text, postedAt = c.PostedAt, deleted = c.Deleted }));

        var conversations = await session.Query<Conversation>().Where(c => c.Members.Contains(me) && !c.Deleted).ToListAsync(ct);
        var threads = new List<object>();
        foreach (var conversation in conversations)
        {
            var messages = await session.Query<MessageRecord>().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Seq).ToListAsync(ct);
            var texts = await MessageTexts.OpenAsync(session, vault, conversation.Id, messages.Where(m => m.HasText).Select(m => m.Id).ToList(), ct);
            threads.Add(new
            {
                conversationId = conversation.Id, isGroup = conversation.IsGroup, members = conversation.Members, startedAt = conversation.StartedAt,
                messages = messages.Select(m => new { id = m.Id, senderId = m.SenderId, sentAt = m.SentAt, text = texts.GetValueOrDefault(m.Id), sharedVideoId = m.SharedVideoId }),
            });
        }
        await AddJsonAsync("messages.json", threads);

        // Every event that names the account, in order: its own streams and any event whose data carries its id.
        var eventsEntry = zip.CreateEntry("events.ndjson", CompressionLevel.Optimal);
        var eventCount = 0;
        await using (var events = new StreamWriter(eventsEntry.Open()))
        {
            var table = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
            long after = 0;
            while (true)
            {
                await using var command = database.CreateCommand(
                    $"select seq_id, type, stream_id, timestamp, data::text from {table} " +
                    "where seq_id > $1 and (stream_id = $2 or data::text like $3) order by seq_id limit 1000");
                command.Parameters.AddWithValue(after);
                command.Parameters.AddWithValue(me);
                command.Parameters.AddWithValue($"%{me}%");
                await using var reader = await command.ExecuteReaderAsync(ct);
                var read = 0;
                while (await reader.ReadAsync(ct))
                {
                    after = reader.GetInt64(0);
                    read++;
                    eventCount++;
                    await events.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        sequence = after, type = reader.GetString(1), streamId = reader.GetGuid(2), timestamp = reader.GetFieldValue<DateTimeOffset>(3),
                        data = JsonDocument.Parse(reader.GetString(4)).RootElement,
                    }));
                }
                if (read < 1000) break;
            }
        }
        files.Add(new { path = "events.ndjson", kind = "ndjson", count = eventCount });

        await AddJsonAsync("manifest.json", new
        {
            format = "sora-data-export", version = FormatVersion, exportId = job.ExportId, accountId = me, handle = account?.Handle, generatedAt = now,
            files,
        });
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        "image/bmp" => ".bmp",
        _ => "",
    };
}
