# Imported as a nested module, before the manifest's root module ZuoraJobs.dll: on .NET Framework older than 4.7.1
# there is no netstandard.dll, and loading the netstandard2.0 assembly would fail with an obscure
# "Could not load file or assembly 'netstandard, Version=2.0.0.0'" before any of its code could explain.

function Get-ZuoraFrameworkRequirementError {
    <# The requirement the session misses, as a sentence, or nothing when it is met. $Release is the Release value of
       HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full (null when .NET Framework 4.5 or later is absent). #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][string]$Edition,
        [AllowNull()][Nullable[int]]$Release
    )

    # PowerShell 7 runs on .NET, which carries netstandard 2.0.
    if ($Edition -ne 'Desktop') {
        return
    }

    # 461308 is .NET Framework 4.7.1, the first with netstandard 2.0 in the box.
    if ($null -ne $Release -and $Release -ge 461308) {
        return
    }

    $found = if ($null -eq $Release) { 'no .NET Framework 4.5 or later' } else { ".NET Framework release $Release" }
    "ZuoraJobs needs .NET Framework 4.7.2 or later on Windows PowerShell (4.7.1 at the very least, for .NET Standard 2.0); this computer has $found. Install .NET Framework 4.8, or use PowerShell 7.4 or later."
}

$release = if ($PSVersionTable.PSEdition -eq 'Desktop') {
    (Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -Name Release -ErrorAction SilentlyContinue).Release
}
$problem = Get-ZuoraFrameworkRequirementError -Edition $PSVersionTable.PSEdition -Release $release
if ($problem) {
    $exception = [System.PlatformNotSupportedException]::new($problem)
    throw [System.Management.Automation.ErrorRecord]::new($exception, 'DotNetFrameworkTooOld', [System.Management.Automation.ErrorCategory]::NotInstalled, $release)
}
