<#
.SYNOPSIS
    Builds, tests, documents, demonstrates and packages the ZuoraJobs module.

.DESCRIPTION
    Tasks run in the order given:
      Build    dotnet build: lays out the importable module in out/ZuoraJobs, help included.
      Test     dotnet test on the solution, then the Pester tests (the Pester task).
      Pester   the Pester 5 tests in tests/Pester (every *.Tests.ps1) against the built module; fails when one fails.
      Docs     with PlatyPS 0.14 installed, regenerates out/ZuoraJobs/en-US with New-ExternalHelp; otherwise explains
               that Build already compiled the help with tools/ZuoraJobs.HelpCompiler.
      Demo     builds, starts the Zuora simulator on a free loopback port and walks through the module: orders
               created, waited on with a progress bar, their subscriptions and line items, and a failed job's error.
               The simulator stops when the demo ends, fails or is interrupted with Ctrl+C.
      Package  Test-ModuleManifest, then out/ZuoraJobs.zip with the folder ZuoraJobs/ at its root (the layout Azure
               Automation imports).
      Clean    removes out/ and the projects' bin and obj folders.
      All      Clean, Build, Test, Docs, Package.
    -Task takes a list (-Task Build, Test) or, as pwsh -File passes it, one comma-separated string (-Task Build,Test).
    Runs on Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
    ./build.ps1 -Task Build, Test, Package -Configuration Release

.EXAMPLE
    pwsh -File ./build.ps1 -Task Build,Package

.EXAMPLE
    pwsh ./build.ps1 -Task Demo
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    [ArgumentCompleter({
            param($commandName, $parameterName, $wordToComplete)
            'Build', 'Test', 'Pester', 'Docs', 'Demo', 'Package', 'Clean', 'All' | Where-Object { $_ -like "$wordToComplete*" }
        })]
    [string[]]$Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string]$Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$solution = Join-Path $root 'Zuora.PowerShell.sln'
$outFolder = Join-Path $root 'out'
$moduleFolder = Join-Path $outFolder 'ZuoraJobs'
$manifest = Join-Path $moduleFolder 'ZuoraJobs.psd1'
$helpFolder = Join-Path $moduleFolder 'en-US'
$zipPath = Join-Path $outFolder 'ZuoraJobs.zip'

function Invoke-Dotnet {
    param([Parameter(Mandatory)][string[]]$Arguments)

    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    <# Builds the solution, or only the given projects (the module project lays out out/ZuoraJobs). #>
    param([string[]]$Project = @($solution))

    foreach ($path in $Project) {
        Invoke-Dotnet -Arguments @('build', $path, '--configuration', $Configuration)
    }

    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The build did not lay out $manifest."
    }
}

function Invoke-TestTask {
    Invoke-Dotnet -Arguments @('test', $solution, '--configuration', $Configuration)
    Invoke-PesterTask
}

function Invoke-PesterTask {
    if (-not (Test-Path -LiteralPath $manifest)) {
        Invoke-BuildTask
    }

    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if ($null -eq $pester) {
        $message = 'Pester 5 is not installed, so tests/Pester did not run. Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
        if ($env:CI -eq 'true') {
            throw $message
        }

        Write-Warning $message
        return
    }

    Import-Module $pester -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = Join-Path $outFolder 'pester-results.xml'
    $env:ZUORAJOBS_CONFIGURATION = $Configuration
    try {
        $result = Invoke-Pester -Configuration $config
    }
    finally {
        Remove-Item Env:\ZUORAJOBS_CONFIGURATION -ErrorAction SilentlyContinue
    }

    # One plain line for scripts (.ci/run sums it with dotnet test's counts). A file or block whose set-up failed
    # counts as a failure even when Pester marked none of its tests failed.
    $failed = $result.FailedCount
    if ($failed -eq 0 -and $result.Result -ne 'Passed') {
        $failed = [Math]::Max(1, $result.FailedBlocksCount + $result.FailedContainersCount)
    }

    Write-Host ('pester: {0} passed, {1} failed, {2} skipped' -f $result.PassedCount, $failed, ($result.SkippedCount + $result.NotRunCount))
    if ($failed -gt 0) {
        throw "Pester: $($result.FailedCount) test(s) failed ($($result.FailedBlocksCount) block(s) and $($result.FailedContainersCount) file(s) failed to set up)."
    }
}

function Invoke-DocsTask {
    $platyPS = Get-Module -ListAvailable -Name platyPS |
        Where-Object { $_.Version -lt [version]'1.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if ($null -eq $platyPS) {
        Write-Host ('PlatyPS 0.14 is not installed. Nothing to do: dotnet build already compiled docs/*.md into ' +
            "$helpFolder with tools/ZuoraJobs.HelpCompiler. To use PlatyPS instead: Install-Module platyPS -RequiredVersion 0.14.2")
        return
    }

    if (-not (Test-Path -LiteralPath $moduleFolder)) {
        Invoke-BuildTask
    }

    Import-Module $platyPS -Force
    $null = New-ExternalHelp -Path (Join-Path $root 'docs') -OutputPath $helpFolder -Force
    Write-Host "PlatyPS $($platyPS.Version) wrote the help to $helpFolder."
}

function Invoke-DemoTask {
    # The module and the simulator are all the demo needs; the test projects would only make it slower to start.
    Invoke-BuildTask -Project (Join-Path $root 'src/ZuoraJobs.Simulator/ZuoraJobs.Simulator.csproj'), (Join-Path $root 'src/ZuoraJobs/ZuoraJobs.csproj')
    & (Join-Path $root 'tools/Demo.ps1') -ModuleManifest $manifest -Configuration $Configuration
}

function Invoke-PackageTask {
    if (-not (Test-Path -LiteralPath $manifest)) {
        Invoke-BuildTask
    }

    $null = Test-ModuleManifest -Path $manifest
    if (Test-Path -LiteralPath $zipPath) {
        Remove-Item -LiteralPath $zipPath -Force
    }

    # Azure Automation imports a zip whose root holds a folder named like the module, with the manifest inside. Entries
    # are added one by one because ZipFile.CreateFromDirectory on .NET Framework (Windows PowerShell 5.1) names them
    # with '\', which Linux hybrid workers extract as single file names; the zip format wants '/' on every system.
    Add-Type -AssemblyName System.IO.Compression
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $folder = Get-Item -LiteralPath $moduleFolder
    $zip = [System.IO.Compression.ZipFile]::Open($zipPath, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($file in Get-ChildItem -LiteralPath $folder.FullName -File -Recurse | Sort-Object -Property FullName) {
            $relative = $file.FullName.Substring($folder.FullName.TrimEnd('\', '/').Length + 1)
            $entryName = $folder.Name + '/' + ($relative -replace '\\', '/')
            $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, $entryName, [System.IO.Compression.CompressionLevel]::Optimal)
        }
    }
    finally {
        $zip.Dispose()
    }

    $sizeMB = (Get-Item -LiteralPath $zipPath).Length / 1MB
    if ($sizeMB -ge 100) {
        throw ('{0} is {1:N1} MB; Azure Automation accepts modules under 100 MB.' -f $zipPath, $sizeMB)
    }

    Write-Host ('Packaged {0} ({1:N2} MB).' -f $zipPath, $sizeMB)
}

function Invoke-CleanTask {
    if (Test-Path -LiteralPath $outFolder) {
        Remove-Item -LiteralPath $outFolder -Recurse -Force
    }

    foreach ($folder in @('src', 'tests', 'tools')) {
        $path = Join-Path $root $folder
        if (Test-Path -LiteralPath $path) {
            Get-ChildItem -LiteralPath $path -Directory -Recurse -Include 'bin', 'obj' |
                Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    Write-Host 'Removed out/ and the bin and obj folders.'
}

$validTasks = 'Build', 'Test', 'Pester', 'Docs', 'Demo', 'Package', 'Clean', 'All'

# pwsh -File passes "-Task Build,Package" as the single string 'Build,Package'.
$steps = @()
foreach ($name in @($Task -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })) {
    $known = $validTasks | Where-Object { $_ -eq $name }
    if (-not $known) {
        # One plain line rather than an exception's position report: the mistake is in the command line.
        [Console]::Error.WriteLine("Unknown task '$name'. Valid tasks: $($validTasks -join ', ').")
        exit 2
    }

    $steps += $known
}

if ($steps -contains 'All') {
    $steps = @('Clean', 'Build', 'Test', 'Docs', 'Package')
}

foreach ($step in $steps) {
    Write-Host "=== $step ===" -ForegroundColor Green
    switch ($step) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Pester' { Invoke-PesterTask }
        'Docs' { Invoke-DocsTask }
        'Demo' { Invoke-DemoTask }
        'Package' { Invoke-PackageTask }
        'Clean' { Invoke-CleanTask }
    }
}
