#Requires -Version 5.1
<#
    Pester 5 tests of the built module (out/ZuoraJobs) against the ZuoraJobs simulator, for machines with pwsh or
    Windows PowerShell. Run `dotnet build Zuora.PowerShell.sln` first (or ./build.ps1 -Task Build, Test).

        Invoke-Pester ./tests/Pester -Output Detailed

    The simulator is started on a free loopback port from its build output (src/ZuoraJobs.Simulator/bin/<config>/
    net10.0), where <config> is $env:ZUORAJOBS_CONFIGURATION, else Debug, else Release; it is steered through its
    control surface under /__sim/ (see src/ZuoraJobs.Simulator/README.md).
#>

BeforeAll {
    $repoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    $manifest = Join-Path $repoRoot 'out/ZuoraJobs/ZuoraJobs.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The module is not built: $manifest is missing. Run 'dotnet build Zuora.PowerShell.sln' first."
    }

    Import-Module $manifest -Force -ErrorAction Stop

    # The simulator's default OAuth client, read from its source so the tests follow any change.
    $defaults = Get-Content -Raw -LiteralPath (Join-Path $repoRoot 'src/ZuoraJobs.Simulator/SimulatorDefaults.cs')
    $clientId = [regex]::Match($defaults, 'ClientId\s*=\s*"([^"]+)"').Groups[1].Value
    $clientSecret = [regex]::Match($defaults, 'ClientSecret\s*=\s*"([^"]+)"').Groups[1].Value
    $credential = [pscredential]::new($clientId, (ConvertTo-SecureString $clientSecret -AsPlainText -Force))
    $wrongCredential = [pscredential]::new($clientId, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))

    $configurations = @('Debug', 'Release')
    if ($env:ZUORAJOBS_CONFIGURATION) {
        $configurations = @($env:ZUORAJOBS_CONFIGURATION) + $configurations
    }

    $simulatorDll = $configurations |
        ForEach-Object { Join-Path $repoRoot "src/ZuoraJobs.Simulator/bin/$_/net10.0/ZuoraJobs.Simulator.dll" } |
        Where-Object { Test-Path -LiteralPath $_ } |
        Select-Object -First 1
    if (-not $simulatorDll) {
        throw 'The simulator is not built. Run ''dotnet build Zuora.PowerShell.sln'' first.'
    }

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()

    $baseUri = "http://127.0.0.1:$port"
    $simulatorLog = Join-Path ([System.IO.Path]::GetTempPath()) "zuorajobs-simulator-$port.log"
    $simulatorErrors = Join-Path ([System.IO.Path]::GetTempPath()) "zuorajobs-simulator-$port.err.log"
    $simulator = Start-Process -FilePath 'dotnet' -ArgumentList @("`"$simulatorDll`"", '--urls', $baseUri, '--seed', '7') `
        -NoNewWindow -PassThru -RedirectStandardOutput $simulatorLog -RedirectStandardError $simulatorErrors

    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $healthy = $false
    while (-not $healthy -and [DateTime]::UtcNow -lt $deadline) {
        try {
            $healthy = [bool](Invoke-RestMethod -Uri "$baseUri/__sim/health" -TimeoutSec 2).ok
        }
        catch {
            if ($simulator.HasExited) {
                throw "The simulator exited with code $($simulator.ExitCode): $(Get-Content -Raw -LiteralPath $simulatorErrors)"
            }

            Start-Sleep -Milliseconds 200
        }
    }

    if (-not $healthy) {
        throw "The simulator did not answer on $baseUri within 30 seconds."
    }

    function New-SimJob {
        <# Seeds a job through /__sim/jobs and returns its ID. #>
        param(
            [string]$Status = 'Completed',
            [string]$Errors,
            [int]$PollsBeforeCompletion = 0,
            [string[]]$Lifecycle,
            [string]$OrderNumber = 'OM-00042',
            [string]$AccountNumber = 'A00000042'
        )

        $body = @{
            status                = $Status
            pollsBeforeCompletion = $PollsBeforeCompletion
            result                = @{
                jobType        = 'AsyncCreateOrder'
                accountNumber  = $AccountNumber
                orderNumber    = $OrderNumber
                status         = 'Completed'
                paidAmount     = '250.50'
                invoiceNumbers = @('INV00000042')
                subscriptions  = @(
                    @{ subscriptionNumber = "SM-$OrderNumber-1"; status = 'Active' },
                    @{ subscriptionNumber = "SM-$OrderNumber-2"; status = 'Cancelled' }
                )
                orderLineItems = @(@{ id = ([guid]::NewGuid().ToString('N')); itemNumber = '1' })
                success        = $true
            }
        }
        if ($Errors) { $body.errors = $Errors }
        if ($Lifecycle) { $body.lifecycle = $Lifecycle }

        $json = ConvertTo-Json -InputObject $body -Depth 10 -Compress
        (Invoke-RestMethod -Method Post -Uri "$baseUri/__sim/jobs" -ContentType 'application/json' -Body $json).jobId
    }

    function Add-SimFault {
        <# Makes the next $Count requests for a job (or any job) fail with the given fault kind. #>
        param([Parameter(Mandatory)][string]$Kind, [string]$JobId, [int]$Count = 1)

        $body = @{ fault = @{ kind = $Kind }; count = $Count }
        if ($JobId) { $body.jobId = $JobId }
        $json = ConvertTo-Json -InputObject $body -Depth 5 -Compress
        $null = Invoke-RestMethod -Method Post -Uri "$baseUri/__sim/faults" -ContentType 'application/json' -Body $json
    }

    function Get-SimPolls {
        param([Parameter(Mandatory)][string]$JobId)

        (Invoke-RestMethod -Uri "$baseUri/__sim/jobs/$JobId").polls
    }

    function Connect-Simulator {
        param([int]$MaximumRetryCount = 4)

        Connect-Zuora -BaseUri $baseUri -Credential $credential -RetryIntervalSec 0.05 -MaximumRetryCount $MaximumRetryCount
    }
}

AfterAll {
    if ($simulator -and -not $simulator.HasExited) {
        Stop-Process -Id $simulator.Id -Force
    }

    Remove-Module ZuoraJobs -ErrorAction SilentlyContinue
}

Describe 'Module' {
    It 'exports exactly the five cmdlets' {
        $names = (Get-Command -Module ZuoraJobs).Name | Sort-Object
        $names | Should -Be @('Connect-Zuora', 'Disconnect-Zuora', 'Get-ZuoraAsyncJob', 'Get-ZuoraContext', 'Wait-ZuoraAsyncJob')
    }

    It 'has help for <_>' -ForEach @('Connect-Zuora', 'Get-ZuoraContext', 'Disconnect-Zuora', 'Get-ZuoraAsyncJob', 'Wait-ZuoraAsyncJob') {
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
        { Connect-Zuora -BaseUri $baseUri -Credential $wrongCredential } | Should -Throw -ErrorId 'AuthenticationFailed'
        Get-ZuoraContext | Should -BeNullOrEmpty
    }

    It 'refuses -Environment and -BaseUri together' {
        { Connect-Zuora -Environment USApiSandbox -BaseUri $baseUri -Credential $credential } | Should -Throw -ErrorId 'AmbiguousEndpoint'
    }

    It 'refuses an unknown environment' {
        { Connect-Zuora -Environment 'Mars' -Credential $credential } | Should -Throw -ErrorId 'UnknownEnvironment'
    }

    It 'refuses plain http to a host that is not loopback' {
        { Connect-Zuora -BaseUri 'http://zuora.example.com' -Credential $credential } | Should -Throw -ErrorId 'InvalidBaseUri'
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
        $null = Invoke-RestMethod -Method Delete -Uri "$baseUri/__sim/faults"
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
        { Get-ZuoraAsyncJob -JobId ([guid]::NewGuid().ToString()) -ErrorAction Stop } | Should -Throw -ErrorId 'AsyncJobNotFound'
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
