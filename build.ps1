<#
.SYNOPSIS
    Builds, tests, documents and packages the ZuoraJobs module.

.DESCRIPTION
    Tasks run in the order given:
      Build    dotnet build: lays out the importable module in out/ZuoraJobs, help included.
      Test     dotnet test on the solution, then the Pester 5 tests in tests/Pester when Pester 5 is installed.
      Docs     with PlatyPS 0.14 installed, regenerates out/ZuoraJobs/en-US with New-ExternalHelp; otherwise explains
               that Build already compiled the help with tools/ZuoraJobs.HelpCompiler.
      Package  Test-ModuleManifest, then out/ZuoraJobs.zip with the folder ZuoraJobs/ at its root (the layout Azure
               Automation imports).
      Clean    removes out/ and the projects' bin and obj folders.
      All      Clean, Build, Test, Docs, Package.
    Runs on Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
    ./build.ps1 -Task Build, Test, Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Clean', 'All')]
    [string[]]$Task = 'Build',

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
    Invoke-Dotnet -Arguments @('build', $solution, '--configuration', $Configuration)
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The build did not lay out $manifest."
    }
}

function Invoke-TestTask {
    Invoke-Dotnet -Arguments @('test', $solution, '--configuration', $Configuration)

    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if ($null -eq $pester) {
        Write-Warning 'Pester 5 is not installed, so tests/Pester was skipped. Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
        return
    }

    Import-Module $pester -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = Join-Path $outFolder 'pester-results.xml'
    $env:ZUORAJOBS_CONFIGURATION = $Configuration
    try {
        $result = Invoke-Pester -Configuration $config
    }
    finally {
        Remove-Item Env:\ZUORAJOBS_CONFIGURATION -ErrorAction SilentlyContinue
    }

    if ($result.FailedCount -gt 0) {
        throw "$($result.FailedCount) Pester test(s) failed."
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

$steps = $Task
if ($Task -contains 'All') {
    $steps = @('Clean', 'Build', 'Test', 'Docs', 'Package')
}

foreach ($step in $steps) {
    Write-Host "=== $step ===" -ForegroundColor Green
    switch ($step) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
        'Clean' { Invoke-CleanTask }
    }
}
