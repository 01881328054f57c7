#Requires -Version 5.1
<#
    Pester 5 tests of the built module (out/ZuoraJobs) against the ZuoraJobs simulator: the cmdlets' behaviour.
    Run `dotnet build Zuora.PowerShell.sln` first, then `Invoke-Pester ./tests/Pester -Output Detailed`, or
    `./build.ps1 -Task Test`. Common.ps1 holds the shared set-up.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

AfterAll {
    Stop-ZuoraSimulator $simulator
    Remove-Module ZuoraJobs -ErrorAction SilentlyContinue
}

Describe 'Module' {
    It 'exports exactly the seven cmdlets' {
        $names = (Get-Command -Module ZuoraJobs).Name | Sort-Object
        $names | Should -Be @('Connect-Zuora', 'Disconnect-Zuora', 'Get-ZuoraAsyncJob', 'Get-ZuoraContext',
            'Start-ZuoraOrder', 'Start-ZuoraOrderPreview', 'Wait-ZuoraAsyncJob')
    }

    It 'has help for <_>' -ForEach @('Connect-Zuora', 'Get-ZuoraContext', 'Disconnect-Zuora', 'Get-ZuoraAsyncJob',
        'Wait-ZuoraAsyncJob', 'Start-ZuoraOrder', 'Start-ZuoraOrderPreview') {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeLike "$_ *"
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }

    It 'has the about_ZuoraJobs topic' {
        Get-Help -Name about_ZuoraJobs | Out-String | Should -Match 'SHORT DESCRIPTION'
    }
}

Describe 'Connect-Zuora' {
    AfterEach {
        Disconnect-Zuora
    }

    It 'connects to the simulator and makes the connection the default' {
        Connect-Simulator
        $context = Get-ZuoraContext
        $context | Should -BeOfType ([ZuoraJobs.ZuoraConnection])
        $context.BaseUri.AbsoluteUri | Should -Be "$baseUri/"
        $context.AuthenticationType | Should -Be 'ClientCredentials'
        $context.ClientId | Should -Be $clientId
    }

    It 'returns the connection with -PassThru without showing the secret' {
        $connection = Connect-Zuora -BaseUri $baseUri -Credential $credential -PassThru
        $connection | Should -BeOfType ([ZuoraJobs.ZuoraConnection])
        ($connection | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($clientSecret))
    }

    It 'fails with AuthenticationFailed for a wrong secret' {
        { Connect-Zuora -BaseUri $baseUri -Credential $wrongCredential } | Should -Throw -ErrorId 'AuthenticationFailed,ZuoraJobs.Cmdlets.ConnectZuoraCommand'
        Get-ZuoraContext | Should -BeNullOrEmpty
    }

    It 'refuses -Environment and -BaseUri together' {
        { Connect-Zuora -Environment USApiSandbox -BaseUri $baseUri -Credential $credential } | Should -Throw -ErrorId 'AmbiguousEndpoint,ZuoraJobs.Cmdlets.ConnectZuoraCommand'
    }

    It 'refuses an unknown environment' {
        { Connect-Zuora -Environment 'Mars' -Credential $credential } | Should -Throw -ErrorId 'UnknownEnvironment,ZuoraJobs.Cmdlets.ConnectZuoraCommand'
    }

    It 'refuses plain http to a host that is not loopback' {
        { Connect-Zuora -BaseUri 'http://zuora.example.com' -Credential $credential } | Should -Throw -ErrorId 'InvalidBaseUri,ZuoraJobs.Cmdlets.ConnectZuoraCommand'
    }

    It 'forgets the connection on Disconnect-Zuora, after which cmdlets report NotConnected' {
        Connect-Simulator
        Disconnect-Zuora
        Get-ZuoraContext | Should -BeNullOrEmpty
        $jobId = New-SimJob
        { Get-ZuoraAsyncJob -JobId $jobId } | Should -Throw -ErrorId 'NotConnected,*'
    }

    It 'keeps a -PassThru connection usable with -Context after Disconnect-Zuora' {
        $connection = Connect-Zuora -BaseUri $baseUri -Credential $credential -PassThru
        Disconnect-Zuora
        $jobId = New-SimJob
        (Get-ZuoraAsyncJob -JobId $jobId -Context $connection).Status | Should -Be 'Completed'
    }
}

Describe 'Get-ZuoraAsyncJob' {
    BeforeAll {
        Connect-Simulator
    }

    AfterEach {
        Clear-SimFaults
    }

    It 'gets a job with its result flattened' {
        $jobId = New-SimJob -OrderNumber 'OM-10001' -AccountNumber 'A10001'
        $job = Get-ZuoraAsyncJob -JobId $jobId
        $job | Should -BeOfType ([ZuoraJobs.AsyncJob])
        $job.JobId | Should -Be $jobId
        $job.Status | Should -Be 'Completed'
        $job.JobType | Should -Be 'AsyncCreateOrder'
        $job.OrderNumber | Should -Be 'OM-10001'
        $job.AccountNumber | Should -Be 'A10001'
        $job.PaidAmount | Should -Be ([decimal]'250.50')
        $job.PaidAmount | Should -BeOfType ([decimal])
        $job.InvoiceNumbers | Should -Be @('INV00000042')
        $job.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'takes IDs from the pipeline and keeps their order' {
        $ids = 1..5 | ForEach-Object { New-SimJob -OrderNumber "OM-2000$_" }
        $jobs = $ids | Get-ZuoraAsyncJob
        $jobs.JobId | Should -Be $ids
    }

    It 'takes the JobId column of Import-Csv rows' {
        $ids = 1..3 | ForEach-Object { New-SimJob }
        $csv = Join-Path $TestDrive 'jobs.csv'
        $ids | ForEach-Object { [pscustomobject]@{ JobId = $_; Note = 'x' } } | Export-Csv -LiteralPath $csv -NoTypeInformation
        (Import-Csv -LiteralPath $csv | Get-ZuoraAsyncJob).JobId | Should -Be $ids
    }

    It 'takes the Id property of piped objects and IDs without hyphens' {
        $jobId = New-SimJob
        ([pscustomobject]@{ Id = $jobId } | Get-ZuoraAsyncJob).JobId | Should -Be $jobId
        (Get-ZuoraAsyncJob -JobId $jobId.Replace('-', '')).Status | Should -Be 'Completed'
    }

    It 'expands subscriptions, each carrying its job' {
        $jobId = New-SimJob -OrderNumber 'OM-30001' -AccountNumber 'A30001'
        $subscriptions = Get-ZuoraAsyncJob -JobId $jobId -Expand Subscriptions
        $subscriptions.Count | Should -Be 2
        $subscriptions[0] | Should -BeOfType ([ZuoraJobs.Subscription])
        $subscriptions.SubscriptionNumber | Should -Be @('SM-OM-30001-1', 'SM-OM-30001-2')
        $subscriptions | ForEach-Object {
            $_.JobId | Should -Be $jobId
            $_.OrderNumber | Should -Be 'OM-30001'
            $_.AccountNumber | Should -Be 'A30001'
        }
    }

    It 'expands order line items, each carrying its job' {
        $jobId = New-SimJob -OrderNumber 'OM-30002'
        $item = Get-ZuoraAsyncJob -JobId $jobId -Expand OrderLineItems
        $item | Should -BeOfType ([ZuoraJobs.OrderLineItem])
        $item.ItemNumber | Should -Be '1'
        $item.JobId | Should -Be $jobId
        $item.OrderNumber | Should -Be 'OM-30002'
    }

    It 'reports InvalidJobId without sending anything and still gets the other IDs' {
        $jobId = New-SimJob
        $jobs = 'not-a-job-id', $jobId | Get-ZuoraAsyncJob -ErrorVariable problems -ErrorAction SilentlyContinue
        $jobs.JobId | Should -Be $jobId
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobId,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].TargetObject | Should -Be 'not-a-job-id'
    }

    It 'reports AsyncJobNotFound with the job ID as target' {
        $missing = [guid]::NewGuid().ToString()
        $null = Get-ZuoraAsyncJob -JobId $missing -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AsyncJobNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be $missing
    }

    It 'reports AccessDenied when Zuora answers 403' {
        $jobId = New-SimJob
        Add-SimFault -Kind AccessDenied -JobId $jobId
        $null = Get-ZuoraAsyncJob -JobId $jobId -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $problems[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'retries 503 responses and then succeeds' {
        $jobId = New-SimJob
        Add-SimFault -Kind ServiceUnavailable -JobId $jobId -Count 2
        (Get-ZuoraAsyncJob -JobId $jobId -Verbose 4>&1 | Where-Object { $_ -is [ZuoraJobs.AsyncJob] }).Status | Should -Be 'Completed'
    }

    It 'reports RateLimited once the retries run out' {
        $connection = Connect-Zuora -BaseUri $baseUri -Credential $credential -MaximumRetryCount 1 -RetryIntervalSec 0.05 -PassThru
        $jobId = New-SimJob
        Add-SimFault -Kind RateLimited -JobId $jobId -Count 5
        $null = Get-ZuoraAsyncJob -JobId $jobId -Context $connection -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
        $problems[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    It 'reports InvalidResponse for a body that is not JSON' {
        $connection = Connect-Zuora -BaseUri $baseUri -Credential $credential -MaximumRetryCount 0 -PassThru
        $jobId = New-SimJob
        Add-SimFault -Kind MalformedJson -JobId $jobId -Count 3
        $null = Get-ZuoraAsyncJob -JobId $jobId -Context $connection -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'refuses an invalid -TrackId before sending anything' {
        $jobId = New-SimJob
        { Get-ZuoraAsyncJob -JobId $jobId -TrackId 'has:colon' } | Should -Throw -ErrorId 'InvalidTrackId,*'
        Get-SimPolls -JobId $jobId | Should -Be 0
    }

    It 'sends nothing more once Select-Object -First has what it needs' {
        $ids = 1..16 | ForEach-Object { New-SimJob }
        foreach ($id in $ids) {
            $fault = ConvertTo-Json -Compress -InputObject @{ jobId = $id; fault = @{ kind = 'Latency'; latencyMs = 600 }; probability = 1.0 }
            $null = Invoke-RestMethod -Method Post -Uri "$baseUri/__sim/faults" -ContentType 'application/json' -Body $fault
        }
        $connection = Connect-Zuora -BaseUri $baseUri -Credential $credential -ThrottleLimit 4 -PassThru

        $before = (Invoke-RestMethod -Uri "$baseUri/__sim/stats").totalRequests
        $first = $ids | Get-ZuoraAsyncJob -Context $connection | Select-Object -First 1
        $atEnd = (Invoke-RestMethod -Uri "$baseUri/__sim/stats").totalRequests
        Start-Sleep -Seconds 2
        $later = (Invoke-RestMethod -Uri "$baseUri/__sim/stats").totalRequests

        # Requests already sent when the pipeline ended may be counted then; none may arrive afterwards.
        $first.JobId | Should -Be $ids[0]
        $later | Should -Be $atEnd
        ($later - $before) | Should -BeLessOrEqual 8
    }

    It 'stops at the first error with -ErrorAction Stop' {
        { Get-ZuoraAsyncJob -JobId ([guid]::NewGuid().ToString()) -ErrorAction Stop } | Should -Throw -ErrorId 'AsyncJobNotFound,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand'
    }
}

Describe 'Wait-ZuoraAsyncJob' {
    BeforeAll {
        Connect-Simulator
    }

    It 'waits until a job completes' {
        $jobId = New-SimJob -PollsBeforeCompletion 2
        $job = Wait-ZuoraAsyncJob -JobId $jobId -PollInterval 0.1 -MaxPollInterval 0.2 -Timeout 30
        $job.JobId | Should -Be $jobId
        $job.Status | Should -Be 'Completed'
        Get-SimPolls -JobId $jobId | Should -BeGreaterOrEqual 3
    }

    It 'passes finished jobs from Get-ZuoraAsyncJob through without another request' {
        $jobId = New-SimJob
        $job = Get-ZuoraAsyncJob -JobId $jobId
        $before = Get-SimPolls -JobId $jobId
        ($job | Wait-ZuoraAsyncJob -Timeout 10).Status | Should -Be 'Completed'
        Get-SimPolls -JobId $jobId | Should -Be $before
    }

    It 'waits for piped Import-Csv rows and expands the subscriptions of completed jobs' {
        $ids = 1..3 | ForEach-Object { New-SimJob -PollsBeforeCompletion 1 -OrderNumber "OM-4000$_" }
        $csv = Join-Path $TestDrive 'wait.csv'
        $ids | ForEach-Object { [pscustomobject]@{ JobId = $_ } } | Export-Csv -LiteralPath $csv -NoTypeInformation
        $subscriptions = Import-Csv -LiteralPath $csv |
            Wait-ZuoraAsyncJob -Timeout 30 -PollInterval 0.1 |
            Where-Object Status -eq 'Completed' |
            ForEach-Object Subscriptions
        $subscriptions.Count | Should -Be 6
    }

    It 'outputs a failed job and an AsyncJobFailed error with Zuora''s message' {
        $jobId = New-SimJob -Status Failed -Errors 'Payment declined.'
        $jobs = Wait-ZuoraAsyncJob -JobId $jobId -Timeout 30 -PollInterval 0.1 -ErrorVariable problems -ErrorAction SilentlyContinue
        $jobs.Status | Should -Be 'Failed'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AsyncJobFailed,*'
        $problems[0].Exception.Message | Should -Match 'Payment declined'
    }

    It 'reports AsyncJobTimeout targeting the last job seen when the time runs out' {
        $jobId = New-SimJob -Lifecycle 'Processing'
        $started = [DateTime]::UtcNow
        $jobs = Wait-ZuoraAsyncJob -JobId $jobId -Timeout 1 -PollInterval 0.2 -ErrorVariable problems -ErrorAction SilentlyContinue
        ([DateTime]::UtcNow - $started).TotalSeconds | Should -BeLessThan 10
        $jobs | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AsyncJobTimeout,*'
        $problems[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $problems[0].TargetObject.JobId | Should -Be $jobId
        $problems[0].TargetObject.Status | Should -Be 'Processing'
    }

    It 'returns the first finished job with -Any' {
        $slow = New-SimJob -Lifecycle 'Processing'
        $fast = New-SimJob
        $jobs = Wait-ZuoraAsyncJob -JobId $slow, $fast -Any -Timeout 30 -PollInterval 0.1
        @($jobs).Count | Should -Be 1
        $jobs.JobId | Should -Be $fast
    }

    It 'waits on a state Zuora may add later and shows it in -Verbose' {
        $jobId = New-SimJob -Lifecycle 'Processing', 'Queued', 'Completed'
        $records = Wait-ZuoraAsyncJob -JobId $jobId -Timeout 30 -PollInterval 0.1 -Verbose 4>&1
        ($records | Where-Object { $_ -is [ZuoraJobs.AsyncJob] }).Status | Should -Be 'Completed'
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'Queued'
    }

    It 'reports an unknown job once' {
        $missing = [guid]::NewGuid().ToString()
        $null = Wait-ZuoraAsyncJob -JobId $missing -Timeout 10 -PollInterval 0.1 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AsyncJobNotFound,*'
    }
}
