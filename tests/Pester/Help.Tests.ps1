#Requires -Version 5.1
<#
    Help and completion as a console user meets them: Get-Help -Examples and -Parameter, tab completion of
    -Environment, and the help PlatyPS 0.14.2 compiles from docs/ matching the help the build compiles with
    tools/ZuoraJobs.HelpCompiler (docs/README.md says which is canonical).
#>

BeforeDiscovery {
    # The cmdlets of the built module (Common.ps1 explains a missing build when the tests run).
    $builtManifest = Join-Path $PSScriptRoot '../../out/ZuoraJobs/ZuoraJobs.psd1'
    $cmdletNames = @()
    if (Test-Path -LiteralPath $builtManifest) {
        $cmdletNames = @((Import-Module $builtManifest -PassThru -Force).ExportedCmdlets.Keys | Sort-Object)
        Remove-Module ZuoraJobs
    }

    $platyPS = Get-Module -ListAvailable -Name platyPS | Where-Object { $_.Version -eq [version]'0.14.2' } | Select-Object -First 1
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # Each cmdlet's help as Get-Help returns it, from the module at $ModuleManifest, in a fresh pwsh so that two
    # copies of the module (and their help) never meet in one session.
    $helpDump = {
        param([string]$ModuleManifest)

        $ErrorActionPreference = 'Stop'
        Import-Module $ModuleManifest
        function Get-ParagraphText([object[]]$Paragraphs) {
            # Line breaks and blank paragraphs are layout, not content: compare the words.
            (((@($Paragraphs) | ForEach-Object { $_.Text }) -join ' ') -replace '\s+', ' ').Trim()
        }

        foreach ($name in (Get-Command -Module ZuoraJobs -CommandType Cmdlet).Name | Sort-Object) {
            $help = Get-Help -Name $name -Full
            [pscustomobject]@{
                Name        = $name
                Synopsis    = $help.Synopsis
                Description = Get-ParagraphText $help.description
                Syntax      = ($help.syntax | Out-String -Width 250).Trim()
                Parameters  = @($help.parameters.parameter | ForEach-Object {
                        [pscustomobject]@{
                            Name          = $_.name
                            Type          = $_.type.name
                            Required      = $_.required
                            Position      = $_.position
                            PipelineInput = $_.pipelineInput
                            Aliases       = $_.aliases
                            Default       = $_.defaultValue
                            Description   = Get-ParagraphText $_.description
                        }
                    })
                Examples    = @($help.examples.example | ForEach-Object {
                        [pscustomobject]@{ Title = $_.title; Code = $_.code; Remarks = Get-ParagraphText $_.remarks }
                    })
            }
        }
    }

    function Get-HelpDump([string]$ModuleManifest) {
        $pwsh = (Get-Process -Id $PID).Path
        $script = Join-Path $TestDrive 'dump-help.ps1'
        Set-Content -LiteralPath $script -Value $helpDump.ToString()
        $json = & $pwsh -NoProfile -NonInteractive -Command "& '$script' -ModuleManifest '$ModuleManifest' | ConvertTo-Json -Depth 6"
        if ($LASTEXITCODE -ne 0) {
            throw "Reading the help of $ModuleManifest failed: $json"
        }

        ($json -join "`n") | ConvertFrom-Json
    }
}

AfterAll {
    Stop-ZuoraSimulator $simulator
    Remove-Module ZuoraJobs -ErrorAction SilentlyContinue
}

Describe 'Get-Help in the console' {
    It 'shows the examples of <_> with -Examples' -ForEach $cmdletNames {
        $text = Get-Help -Name $_ -Examples | Out-String -Width 80
        $text | Should -Match "NAME\s+$_"
        $text | Should -Match 'Example 1: '
        ($text -split 'Example 1: ')[1] | Should -Match ([regex]::Escape($_)) -Because 'the example shows the cmdlet in use'
        $text | Should -Not -Match 'PARAMETERS' -Because '-Examples shows only the examples'
    }

    It 'shows the first example of Get-ZuoraAsyncJob with its code and remarks' {
        $example = @((Get-Help -Name Get-ZuoraAsyncJob -Examples).examples.example)[0]
        $example.code | Should -Match 'Get-ZuoraAsyncJob'
        ($example.remarks.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter of <_> with -Parameter, with the type and position the cmdlet has' -ForEach @('Connect-Zuora', 'Get-ZuoraAsyncJob', 'Wait-ZuoraAsyncJob') {
        $command = Get-Command -Name $_
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in $command.Parameters.Values | Where-Object { $common -notcontains $_.Name }) {
            $help = Get-Help -Name $_ -Parameter $parameter.Name
            $help.name | Should -Be $parameter.Name
            ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
            $help.type.name | Should -Be $parameter.ParameterType.Name -Because "-$($parameter.Name) is a $($parameter.ParameterType.Name)"
            $text = $help | Out-String -Width 80
            $text | Should -Match ([regex]::Escape("-$($parameter.Name)"))
            $text | Should -Match 'Accept pipeline input\?'
        }
    }

    It 'shows -Expand''s accepted values in the syntax' {
        (Get-Help -Name Get-ZuoraAsyncJob).syntax | Out-String -Width 200 | Should -Match '-Expand \{OrderLineItems \| Subscriptions\}'
    }
}

Describe 'Tab completion' {
    It 'completes -Environment with the data centres that match what was typed' {
        $line = 'Connect-Zuora -Environment EU'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be 'EUProduction', 'EUApiSandbox', 'EUCentralSandbox'
    }

    It 'offers every environment after -Environment and a space' {
        $line = 'Connect-Zuora -Environment '
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'USProduction'
        $completions | Should -Contain 'APCentralSandbox'
        $completions.Count | Should -Be 10
    }

    It 'completes the values of -Expand' {
        $line = 'Get-ZuoraAsyncJob -Expand Sub'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'Subscriptions'
    }
}

Describe 'PlatyPS 0.14.2 and the in-house help compiler' {
    BeforeAll {
        $platyPS = Get-Module -ListAvailable -Name platyPS | Where-Object { $_.Version -eq [version]'0.14.2' } | Select-Object -First 1
        if ($platyPS) {
            # A copy of the built module whose help PlatyPS compiles from the same docs/.
            $copy = Join-Path $TestDrive 'platyps/ZuoraJobs'
            Copy-Item -LiteralPath (Split-Path -Parent $manifest) -Destination $copy -Recurse
            Remove-Item -LiteralPath (Join-Path $copy 'en-US/ZuoraJobs.dll-Help.xml')
            Import-Module $platyPS -Force
            $null = New-ExternalHelp -Path (Join-Path $repoRoot 'docs') -OutputPath (Join-Path $copy 'en-US') -Force

            $inHouse = Get-HelpDump -ModuleManifest $manifest
            $fromPlatyPS = Get-HelpDump -ModuleManifest (Join-Path $copy 'ZuoraJobs.psd1')
        }
    }

    It 'finds PlatyPS 0.14.2 in CI' -Skip:($env:CI -ne 'true') {
        $platyPS | Should -Not -BeNullOrEmpty -Because 'CI must not skip the comparison'
    }

    It 'gives both the same cmdlets' -Skip:(-not $platyPS) {
        $inHouse.Name | Should -Be @((Get-Command -Module ZuoraJobs -CommandType Cmdlet).Name | Sort-Object)
        $fromPlatyPS.Name | Should -Be $inHouse.Name
    }

    It 'gives <_> the same synopsis, description and syntax' -Skip:(-not $platyPS) -ForEach $cmdletNames {
        $ours = $inHouse | Where-Object Name -eq $_
        $theirs = $fromPlatyPS | Where-Object Name -eq $_
        $ours.Synopsis | Should -Be $theirs.Synopsis
        $ours.Synopsis | Should -Not -BeNullOrEmpty
        $ours.Description | Should -Be $theirs.Description
        $ours.Syntax | Should -Be $theirs.Syntax
    }

    It 'gives <_> the same parameters' -Skip:(-not $platyPS) -ForEach $cmdletNames {
        $ours = @(($inHouse | Where-Object Name -eq $_).Parameters)
        $theirs = @(($fromPlatyPS | Where-Object Name -eq $_).Parameters)
        $ours.Name | Should -Be $theirs.Name
        for ($i = 0; $i -lt $ours.Count; $i++) {
            ($ours[$i] | ConvertTo-Json -Compress) | Should -Be ($theirs[$i] | ConvertTo-Json -Compress)
        }
    }

    It 'gives <_> the same examples' -Skip:(-not $platyPS) -ForEach $cmdletNames {
        $ours = @(($inHouse | Where-Object Name -eq $_).Examples)
        $theirs = @(($fromPlatyPS | Where-Object Name -eq $_).Examples)
        $ours.Count | Should -BeGreaterThan 0
        $ours.Title | Should -Be $theirs.Title
        for ($i = 0; $i -lt $ours.Count; $i++) {
            $ours[$i].Code | Should -Be $theirs[$i].Code
            $ours[$i].Remarks | Should -Be $theirs[$i].Remarks
        }
    }
}
