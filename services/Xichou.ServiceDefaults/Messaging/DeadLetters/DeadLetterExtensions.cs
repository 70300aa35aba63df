using Microsoft.Extensions.DependencyInjection;

namespace Xichou.ServiceDefaults.Messaging.DeadLetters;

public static class DeadLetterExtensions
{
    /// <summary>The operations desk over this service's error queues; its queues are learnt as the bus configures its endpoints.</summary>
    public static DeadLetterQueues AddDeadLetters(this IServiceCollection services, string serviceName, Uri broker)
    {
        var queues = new DeadLetterQueues();
        services.AddSingleton(queues);
        services.AddSingleton(provider => new DeadLetterDesk(serviceName, broker, queues, provider.GetRequiredService<TimeProvider>()));
        return queues;
    }
}
