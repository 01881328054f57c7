using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// Builds the client-credentials form straight from the SecureString into bytes, so the secret never exists as a
    /// managed string (which could not be wiped) and every temporary copy is zeroed before it is released.
    /// </summary>
    internal static class SecretForm
    {
        public static byte[] ClientCredentials(string clientId, SecureString clientSecret)
        {
            var form = new System.IO.MemoryStream(128);
            AppendEncoded(form, "client_id=");
            AppendEncoded(form, Escape(clientId));
            AppendEncoded(form, "&client_secret=");
            AppendSecret(form, clientSecret);
            AppendEncoded(form, "&grant_type=client_credentials");

            // ToArray copies; the stream's own buffer held the secret, so wipe it.
            var bytes = form.ToArray();
            var buffer = form.GetBuffer();
            Array.Clear(buffer, 0, buffer.Length);
            return bytes;
        }

        /// <summary>Decodes a SecureString for a header value that .NET only accepts as a string (the bearer token).</summary>
        public static string Reveal(SecureString secure)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer, secure.Length);
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        private static void AppendSecret(System.IO.MemoryStream form, SecureString secret)
        {
            var pointer = IntPtr.Zero;
            var chars = new char[secret.Length];
            var utf8 = new byte[4];
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                Marshal.Copy(pointer, chars, 0, chars.Length);
                for (var i = 0; i < chars.Length; i++)
                {
                    var count = char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length
                        ? Encoding.UTF8.GetBytes(chars, i++, 2, utf8, 0)
                        : Encoding.UTF8.GetBytes(chars, i, 1, utf8, 0);
                    for (var b = 0; b < count; b++)
                    {
                        WriteFormByte(form, utf8[b]);
                    }
                }
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                Array.Clear(utf8, 0, utf8.Length);
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        private static string Escape(string value)
        {
            var form = new System.IO.MemoryStream();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                WriteFormByte(form, b);
            }

            return Encoding.ASCII.GetString(form.ToArray());
        }

        // application/x-www-form-urlencoded: unreserved bytes as is, space as '+', everything else %XX.
        private static void WriteFormByte(System.IO.MemoryStream form, byte b)
        {
            if ((b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9')
                || b == (byte)'-' || b == (byte)'.' || b == (byte)'_' || b == (byte)'*')
            {
                form.WriteByte(b);
            }
            else if (b == (byte)' ')
            {
                form.WriteByte((byte)'+');
            }
            else
            {
                form.WriteByte((byte)'%');
                form.WriteByte(Hex(b >> 4));
                form.WriteByte(Hex(b & 0xF));
            }
        }

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

        private static void AppendEncoded(System.IO.MemoryStream form, string ascii)
        {
            foreach (var c in ascii)
            {
                form.WriteByte((byte)c);
            }
        }
    }
}
