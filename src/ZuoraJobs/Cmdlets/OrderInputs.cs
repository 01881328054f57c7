using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>One order as read from the command's input: how to get its body, or why there is none.</summary>
    internal sealed class OrderInput
    {
        private readonly Func<byte[]>? _read;

        private OrderInput(OrderReference reference, Func<byte[]>? read, ErrorRecord? error)
        {
            Reference = reference;
            _read = read;
            Error = error;
        }

        public OrderReference Reference { get; }

        /// <summary>Set when the input names no readable order (a file that does not exist).</summary>
        public ErrorRecord? Error { get; }

        /// <exception cref="OrderInputException">The input cannot be an order body; the message says why.</exception>
        public byte[] Read() => _read!();

        public static OrderInput Of(OrderReference reference, Func<byte[]> read) => new OrderInput(reference, read, null);

        public static OrderInput Failed(OrderReference reference, ErrorRecord error) => new OrderInput(reference, null, error);
    }

    /// <summary>
    /// Reads the orders of one input record: -Path (wildcards), -LiteralPath, files piped or passed as -Order, an array
    /// of orders, or one order. Each becomes an <see cref="OrderInput"/> in input order, file errors included, so every
    /// input keeps its place in the output.
    /// </summary>
    internal sealed class OrderInputs
    {
        private readonly PSCmdlet _cmdlet;
        private int _position;

        public OrderInputs(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public IEnumerable<OrderInput> FromPaths(IEnumerable<string> paths, bool literal)
        {
            foreach (var path in paths)
            {
                foreach (var input in Resolve(path, literal))
                {
                    yield return input;
                }
            }
        }

        public IEnumerable<OrderInput> FromOrder(object? order)
        {
            var value = OrderJson.Unwrap(order);
            if (value is IEnumerable many && !(value is string) && !(value is IDictionary))
            {
                foreach (var item in many)
                {
                    yield return One(item);
                }

                yield break;
            }

            yield return One(order);
        }

        private OrderInput One(object? item)
        {
            var reference = Next();
            var value = OrderJson.Unwrap(item);
            if (value is FileInfo file)
            {
                // Get-ChildItem *.json | Start-ZuoraOrder, or -Order (Get-ChildItem ...): a file is read, not serialized.
                reference.Path = file.FullName;
                return OrderInput.Of(reference, () => ReadFile(file.FullName));
            }

            if (value == null)
            {
                return OrderInput.Of(reference, () => throw new OrderInputException("The order is null."));
            }

            return OrderInput.Of(reference, () => OrderJson.Serialize(item!));
        }

        private IEnumerable<OrderInput> Resolve(string path, bool literal)
        {
            Collection<string> files;
            Exception? notFound = null;
            try
            {
                if (literal)
                {
                    var file = _cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    if (!File.Exists(file))
                    {
                        throw new ItemNotFoundException($"Cannot find path '{file}' because it does not exist.");
                    }

                    files = new Collection<string> { file };
                }
                else
                {
                    files = _cmdlet.GetResolvedProviderPathFromPSPath(path, out _);
                }
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException
                                      || e is NotSupportedException || e is ArgumentException || e is PSInvalidOperationException)
            {
                files = new Collection<string>();
                notFound = e;
            }

            if (notFound != null)
            {
                var reference = Next();
                reference.Path = path;
                yield return OrderInput.Failed(reference, new ErrorRecord(notFound, "OrderFileNotFound", ErrorCategory.ObjectNotFound, reference));
                yield break;
            }

            foreach (var file in files)
            {
                var reference = Next();
                reference.Path = file;
                yield return OrderInput.Of(reference, () => ReadFile(file));
            }
        }

        private OrderReference Next() => new OrderReference(++_position);

        /// <exception cref="OrderInputException">The file cannot be read.</exception>
        private static byte[] ReadFile(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException
                                      || e is System.Security.SecurityException || e is ArgumentException)
            {
                throw new OrderInputException($"The file '{path}' cannot be read: {e.Message}");
            }

            // A UTF-8 byte order mark (Windows PowerShell's Out-File) is not part of the JSON.
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                var result = new byte[bytes.Length - 3];
                Buffer.BlockCopy(bytes, 3, result, 0, result.Length);
                return result;
            }

            return bytes;
        }
    }
}
