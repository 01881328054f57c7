using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ZuoraJobs.Tests.Infrastructure
{
    /// <summary>A host whose console is a string, so format views can be read as a user would see them.</summary>
    public sealed class CapturingHost : PSHost
    {
        private readonly CapturingUI _ui = new CapturingUI();

        public string Text => PSHostUserInterface.GetOutputString(_ui.Buffer.ToString(), false);

        /// <summary>The answer to every -Confirm prompt (0 = Yes, 2 = No); unset, a prompt fails the test.</summary>
        public int? ConfirmChoice { get => _ui.Choice; set => _ui.Choice = value; }

        /// <summary>The messages of the prompts answered so far.</summary>
        public List<string> Prompts => _ui.Prompts;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "ZuoraJobsTestHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }

        private sealed class CapturingUI : PSHostUserInterface
        {
            public StringBuilder Buffer { get; } = new StringBuilder();
            public int? Choice { get; set; }
            public List<string> Prompts { get; } = new List<string>();
            public override PSHostRawUserInterface RawUI { get; } = new RawUI();
            public override void Write(string value) => Buffer.Append(value);
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Buffer.Append(value);
            public override void WriteLine(string value) => Buffer.AppendLine(value);
            public override void WriteErrorLine(string value) => Buffer.AppendLine(value);
            public override void WriteDebugLine(string message) { }
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) { }
            public override void WriteWarningLine(string message) { }
            public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException("tests never prompt");
            public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
            {
                Prompts.Add(message);
                return Choice ?? throw new NotSupportedException("tests never prompt");
            }
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("tests never prompt");
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("tests never prompt");
            public override string ReadLine() => throw new NotSupportedException("tests never prompt");
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("tests never prompt");
        }

        private sealed class RawUI : PSHostRawUserInterface
        {
            public override ConsoleColor BackgroundColor { get; set; }
            public override Size BufferSize { get; set; } = new Size(160, 3000);
            public override Coordinates CursorPosition { get; set; }
            public override int CursorSize { get; set; }
            public override ConsoleColor ForegroundColor { get; set; }
            public override bool KeyAvailable => false;
            public override Size MaxPhysicalWindowSize => new Size(160, 100);
            public override Size MaxWindowSize => new Size(160, 100);
            public override Coordinates WindowPosition { get; set; }
            public override Size WindowSize { get; set; } = new Size(160, 100);
            public override string WindowTitle { get; set; } = string.Empty;
            public override void FlushInputBuffer() { }
            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
            public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        }
    }
}
