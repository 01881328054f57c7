using System;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ZuoraJobs.Simulator;

/// <summary>Reads request bodies defensively: size cap, optional gzip, content-type check. Errors are written for the caller.</summary>
internal static class RequestBodyReader
{
    /// <summary>Returns the body, or null after writing a 413/415/400 error.</summary>
    public static async Task<byte[]?> ReadAsync(ApiRequest request, string expectedMediaType)
    {
        HttpRequest http = request.Http.Request;
        long limit = request.State.Options.MaxRequestBodyBytes;
        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out MediaTypeHeaderValue? mediaType)
            || !mediaType.MediaType.Equals(expectedMediaType, StringComparison.OrdinalIgnoreCase))
        {
            await request.WriteErrorAsync(StatusCodes.Status415UnsupportedMediaType, ZuoraErrors.InvalidValue,
                $"Unsupported Content-Type '{http.ContentType}'; expected {expectedMediaType}.");
            return null;
        }

        if (http.ContentLength > limit)
        {
            await TooLargeAsync(request, limit);
            return null;
        }

        byte[]? raw = await ReadCappedAsync(http.Body, limit);
        if (raw is null)
        {
            await TooLargeAsync(request, limit);
            return null;
        }

        string? encoding = http.Headers.ContentEncoding;
        if (string.IsNullOrEmpty(encoding) || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return raw;
        }

        if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            await request.WriteErrorAsync(StatusCodes.Status415UnsupportedMediaType, ZuoraErrors.InvalidValue,
                $"Unsupported Content-Encoding '{encoding}'; only gzip is accepted.");
            return null;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            byte[]? inflated = await ReadCappedAsync(gzip, limit);
            if (inflated is null)
            {
                await TooLargeAsync(request, limit);
            }

            return inflated;
        }
        catch (InvalidDataException)
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.MalformedJson,
                "The request body is declared as gzip but is not valid gzip data.");
            return null;
        }
    }

    private static Task TooLargeAsync(ApiRequest request, long limit) =>
        request.WriteErrorAsync(StatusCodes.Status413PayloadTooLarge, ZuoraErrors.InvalidValue,
            $"The request body exceeds the limit of {limit} bytes.");

    /// <summary>Null when the stream holds more than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream source, long limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
