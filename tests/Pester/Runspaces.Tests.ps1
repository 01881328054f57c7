#Requires -Version 5.1
<#
    The module outside the test's own runspace: ForEach-Object -Parallel with an explicit connection, Start-Job in a
    child process, a runbook started with pwsh -File and configured by environment variables, and build.ps1's -Task
    as pwsh -File passes it.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $pwsh = (Get-Process -Id $PID).Path

    function Invoke-Pwsh {
        <# Runs pwsh -File with the arguments; returns its exit code and what it wrote, stdout and stderr apart. #>
        param([Parameter(Mandatory)][string]$File, [string[]]$ArgumentList = @())

        $stderr = Join-Path $TestDrive 'stderr.txt'
        $stdout = & $pwsh -NoProfile -NonInteractive -File $File @ArgumentList 2> $stderr
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Output   = @($stdout)
            Errors   = (Get-Content -Raw -LiteralPath $stderr -ErrorAction SilentlyContinue) + ''
        }
    }

    $jobIds = @(1..4 | ForEach-Object { New-SimJob -OrderNumber "O-5000000$_" -PollsBeforeCompletion 1 })
}

AfterAll {
    Stop-ZuoraSimulator $simulator
    Remove-Module ZuoraJobs -ErrorAction SilentlyContinue
}

Describe 'ForEach-Object -Parallel' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
    It 'uses a Connect-Zuora -PassThru connection in every parallel runspace through -Context' {
        $connection = Connect-Zuora -BaseUri $baseUri -Credential $credential -PassThru
        $jobs = $jobIds | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            Wait-ZuoraAsyncJob -JobId $_ -Context $using:connection -PollInterval 0.1 -Timeout 30
        }

        @($jobs).Count | Should -Be 4
        $jobs.JobId | Sort-Object | Should -Be ($jobIds | Sort-Object)
        $jobs | ForEach-Object { $_.Status | Should -Be 'Completed' }
        $jobs[0].PSObject.TypeNames[0] | Should -Be 'ZuoraJobs.AsyncJob'
    }

    It 'does not lend the default connection to parallel runspaces' {
        Connect-Simulator
        $problems = $jobIds | Select-Object -First 1 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            try {
                $null = Get-ZuoraAsyncJob -JobId $_
            }
            catch {
                # Not being connected stops the cmdlet before it reads any input: a terminating error.
                $_.FullyQualifiedErrorId
            }
        }

        $problems | Should -Be 'NotConnected,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand'
        Disconnect-Zuora
    }
}

Describe 'Start-Job' {
    It 'imports the module in a child process, connects there and returns the jobs' {
        $job = Start-Job -ScriptBlock {
            param($ModuleManifest, $BaseUri, $ClientId, $ClientSecret, $Ids)
            Import-Module $ModuleManifest
            $secret = ConvertTo-SecureString $ClientSecret -AsPlainText -Force
            Connect-Zuora -BaseUri $BaseUri -Credential ([pscredential]::new($ClientId, $secret))
            $Ids | Get-ZuoraAsyncJob | Wait-ZuoraAsyncJob -PollInterval 0.1 -Timeout 30
        } -ArgumentList $manifest, $baseUri, $clientId, $clientSecret, $jobIds
        try {
            $finished = $job | Wait-Job -Timeout 90
            $finished | Should -Not -BeNullOrEmpty -Because 'the background job should end within 90 s'
            $results = @($job | Receive-Job -ErrorVariable problems)
        }
        finally {
            $job | Remove-Job -Force
        }

        $problems | Should -BeNullOrEmpty
        $results.JobId | Should -Be $jobIds
        $results.Status | Should -Be 'Completed', 'Completed', 'Completed', 'Completed'
        $results[0].OrderNumber | Should -Be 'O-50000001'
        $results[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.ZuoraJobs.AsyncJob'
    }
}

Describe 'pwsh -File' {
    BeforeAll {
        # A runbook as an automation account would start it: settings from the environment, IDs as arguments.
        $runbook = Join-Path $TestDrive 'runbook.ps1'
        Set-Content -LiteralPath $runbook -Value @'
param([Parameter(Mandatory, ValueFromRemainingArguments)][string[]]$JobId)
$ErrorActionPreference = 'Stop'
Import-Module $env:ZUORAJOBS_MANIFEST
Connect-Zuora
$JobId | Get-ZuoraAsyncJob | Wait-ZuoraAsyncJob -PollInterval 0.1 -Timeout 30 |
    ForEach-Object { '{0} {1} {2}' -f $_.JobId, $_.Status, $_.OrderNumber }
'@
        $saved = @{}
        foreach ($name in 'ZUORA_CLIENT_ID', 'ZUORA_CLIENT_SECRET', 'ZUORA_BASE_URI', 'ZUORA_ENVIRONMENT', 'ZUORAJOBS_MANIFEST') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }
    }

    BeforeEach {
        $env:ZUORA_CLIENT_ID = $clientId
        $env:ZUORA_CLIENT_SECRET = $clientSecret
        $env:ZUORA_BASE_URI = $baseUri
        $env:ZUORAJOBS_MANIFEST = $manifest
        Remove-Item Env:\ZUORA_ENVIRONMENT -ErrorAction SilentlyContinue
    }

    AfterAll {
        foreach ($name in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
    }

    It 'connects from ZUORA_CLIENT_ID, ZUORA_CLIENT_SECRET and ZUORA_BASE_URI and waits for the IDs it is given' {
        $run = Invoke-Pwsh -File $runbook -ArgumentList $jobIds[0], $jobIds[1]
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Be "$($jobIds[0]) Completed O-50000001", "$($jobIds[1]) Completed O-50000002"
    }

    It 'exits with an error naming AuthenticationFailed, and never the secret, when the secret is wrong' {
        $env:ZUORA_CLIENT_SECRET = 'wrong-secret-value'
        $run = Invoke-Pwsh -File $runbook -ArgumentList $jobIds[0]
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -Match 'client ID or secret|AuthenticationFailed|rejected'
        $run.Errors | Should -Not -Match 'wrong-secret-value'
    }

    It 'fails without prompting when no credential is configured' {
        Remove-Item Env:\ZUORA_CLIENT_SECRET
        $run = Invoke-Pwsh -File $runbook -ArgumentList $jobIds[0]
        $run.ExitCode | Should -Not -Be 0
        $run.Errors | Should -Match 'ZUORA_CLIENT_SECRET'
    }

    It 'lets build.ps1 take -Task as one comma-separated string and name the valid tasks for a wrong one' {
        $run = Invoke-Pwsh -File (Join-Path $repoRoot 'build.ps1') -ArgumentList '-Task', 'Build,NoSuchTask'
        $run.ExitCode | Should -Not -Be 0
        $run.Errors | Should -Match "Unknown task 'NoSuchTask'"
        $run.Errors | Should -Match 'Valid tasks: Build, Test, Pester, Docs, Demo, Package, Clean, All'
        $run.Output | Should -Not -Match '=== Build ===' -Because 'nothing runs before every task name is checked'
    }
}
