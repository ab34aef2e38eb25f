namespace ApexFleet.Domain.Devices;

/// <summary>Facts a device counts once per rollout, however many reports it sends.</summary>
[Flags]
public enum DeviceMark : byte
{
    None = 0,
    /// <summary>The rollout's targeting leaves this device alone.</summary>
    NotTargeted = 1,
    /// <summary>The device breached the rollout's CPU limit at least once.</summary>
    OverCpuLimit = 2,
}

/// <summary>Which of the <see cref="DeviceMark"/>s a device has already counted, and for which rollout (a new rollout starts with none).</summary>
public struct RolloutMarks
{
    public string? Deployment { get; set; }

    public DeviceMark Marks { get; set; }

    /// <summary>Sets the mark; true the first time for this deployment, when the device should count it.</summary>
    public bool Mark(string deployment, DeviceMark mark)
    {
        if (!string.Equals(Deployment, deployment, StringComparison.Ordinal))
        {
            Deployment = deployment;
            Marks = DeviceMark.None;
        }

        if ((Marks & mark) != 0)
        {
            return false;
        }

        Marks |= mark;
        return true;
    }
}
