using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ZuoraJobs.HelpCompiler
{
    /// <summary>
    /// Usage: ZuoraJobs.HelpCompiler &lt;docs folder&gt; &lt;output folder&gt;
    /// Compiles every cmdlet page (docs/*.md with platyPS front matter, except about_*.md) into one MAML file named by the pages'
    /// 'external help file', and every about_*.md into about_*.help.txt. Errors use the compiler format, so MSBuild
    /// shows them with file and line.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 2)
            {
                Console.Error.WriteLine("Usage: ZuoraJobs.HelpCompiler <docs folder> <output folder>");
                return 2;
            }

            try
            {
                var written = Compile(args[0], args[1]);
                foreach (var file in written)
                {
                    Console.WriteLine("ZuoraJobs.HelpCompiler -> " + file);
                }

                return 0;
            }
            catch (HelpFormatException e)
            {
                Console.Error.WriteLine(e.ToString());
                return 1;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"ZuoraJobs.HelpCompiler: error ZJHELP: {e.Message}");
                return 1;
            }
        }

        public static IReadOnlyList<string> Compile(string docsFolder, string outputFolder)
        {
            var docs = Path.GetFullPath(docsFolder);
            var output = Path.GetFullPath(outputFolder);
            var markdown = Directory.GetFiles(docs, "*.md").OrderBy(f => f, StringComparer.Ordinal).ToList();
            var commandFiles = markdown.Where(f => !IsAbout(f) && HasFrontMatter(f));
            var pages = commandFiles.Select(f => CommandPage.Parse(f, File.ReadAllText(f))).ToList();
            if (pages.Count == 0)
            {
                throw new HelpFormatException(docs, 0, "No cmdlet pages found.");
            }

            var helpFiles = pages.Select(p => p.FrontMatter["external help file"]).Distinct(StringComparer.Ordinal).ToList();
            if (helpFiles.Count != 1)
            {
                throw new HelpFormatException(pages[0].File, 1, "All pages must name the same 'external help file'; found " + string.Join(", ", helpFiles));
            }

            Directory.CreateDirectory(output);
            var written = new List<string>();
            var mamlPath = Path.Combine(output, helpFiles[0]);
            var maml = MamlWriter.Write(pages);
            WriteAll(mamlPath, maml.Declaration + "\n" + maml.ToString() + "\n");
            written.Add(mamlPath);

            foreach (var about in markdown.Where(IsAbout))
            {
                var target = Path.Combine(output, Path.GetFileNameWithoutExtension(about) + ".help.txt");
                WriteAll(target, AboutWriter.Render(about, File.ReadAllText(about)));
                written.Add(target);
            }

            return written;
        }

        /// <summary>Cmdlet pages open with platyPS front matter; other pages (README.md, reliability.md) are read as they are.</summary>
        private static bool HasFrontMatter(string file)
        {
            using var reader = new StreamReader(file);
            return string.Equals(reader.ReadLine()?.Trim(), "---", StringComparison.Ordinal);
        }

        private static bool IsAbout(string file) => Path.GetFileName(file).StartsWith("about_", StringComparison.OrdinalIgnoreCase);

        /// <summary>Writes beside the target and renames, so a reader never sees half a file; always touches the file for incremental builds.</summary>
        private static void WriteAll(string path, string text)
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            File.Move(temporary, path, overwrite: true);
        }
    }
}
