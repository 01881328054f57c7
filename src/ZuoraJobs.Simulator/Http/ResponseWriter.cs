using System;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ZuoraJobs.Simulator;

/// <summary>Writes finished bodies, applying Zuora's gzip rule: only on request and only above 1000 bytes.</summary>
internal static class ResponseWriter
{
    public const string Json = "application/json; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";
    public const int GzipThreshold = 1000;

    public static Task WriteAsync(HttpContext context, int status, byte[] body, string contentType = Json)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        if (body.Length > GzipThreshold && AcceptsGzip(context.Request))
        {
            body = Gzip(body);
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    public static bool AcceptsGzip(HttpRequest request)
    {
        StringValues values = request.Headers.AcceptEncoding;
        foreach (string? value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (string part in value.Split(','))
            {
                string[] pieces = part.Split(';');
                if (pieces[0].Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase)
                    && !(pieces.Length > 1 && pieces[1].Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream(body.Length / 3 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body, 0, body.Length);
        }

        return output.ToArray();
    }
}
