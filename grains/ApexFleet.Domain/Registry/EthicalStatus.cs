namespace ApexFleet.Domain.Registry;

/// <summary>Where a model's ethical assessment stands; only an approved one may be rolled out where policies ask for it.</summary>
public enum EthicalStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
