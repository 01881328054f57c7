using System.Collections.Generic;
using System.Management.Automation;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>Turns the API layer's plain objects into what PowerShell users handle: PSCustomObjects and note properties.</summary>
    internal static class PSObjects
    {
        /// <summary>Factory for JSON objects the module has no type for: a PSCustomObject in Zuora's field order.</summary>
        internal static object CustomObject(IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            var result = new PSObject();
            foreach (var property in properties)
            {
                // JSON allows names PowerShell members cannot have (empty, PSObject, PSBase, ...) and repeated names;
                // the last value wins, as in System.Text.Json's own objects, and nothing makes the job unreadable.
                var name = MemberName(property.Key);
                var existing = result.Properties[name];
                if (existing != null)
                {
                    existing.Value = property.Value;
                }
                else
                {
                    result.Properties.Add(new PSNoteProperty(name, property.Value));
                }
            }

            return result;
        }

        /// <summary>
        /// Wraps an output object so that fields Zuora added after this module was written show up as properties.
        /// A field whose name collides with a typed property is left in AdditionalFields only.
        /// </summary>
        internal static PSObject WithAdditionalFields(IHasAdditionalFields value)
        {
            var wrapped = PSObject.AsPSObject(value);
            foreach (var field in value.AdditionalFields)
            {
                var name = MemberName(PascalCase(field.Key));
                if (wrapped.Properties[name] == null && wrapped.Members[name] == null)
                {
                    wrapped.Properties.Add(new PSNoteProperty(name, field.Value));
                }
            }

            return wrapped;
        }

        /// <summary>The job as PowerShell shows it: new Zuora fields as properties, on the job and every part of it.</summary>
        internal static PSObject Present(AsyncJob job)
        {
            // Note properties added to a PSObject wrapper stay with the object, so parts reached later through
            // $job.Subscriptions[0] show them too.
            IHasAdditionalFields[][] parts =
            {
                job.OrderLineItems, job.Subscriptions, job.Ramps, job.Refunds, job.WriteOffs, job.Commitments,
                job.Invoices, job.CreditMemos,
            };
            foreach (var part in parts)
            {
                foreach (var item in part)
                {
                    if (item.AdditionalFields.Count > 0)
                    {
                        WithAdditionalFields(item);
                    }
                }
            }

            return WithAdditionalFields(job);
        }

        /// <summary>
        /// A name a note property can carry: an empty JSON name becomes <c>(empty)</c>, and the names PowerShell reserves
        /// for its own member sets (PSObject, PSBase, ...) get a trailing underscore.
        /// </summary>
        internal static string MemberName(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return EmptyName;
            }

            return ReservedNames.Contains(name!) ? name + "_" : name!;
        }

        internal const string EmptyName = "(empty)";

        private static readonly HashSet<string> ReservedNames = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase)
        {
            "PSObject", "PSBase", "PSAdapted", "PSExtended", "PSTypeNames",
        };

        private static string PascalCase(string name) =>
            name.Length == 0 || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
