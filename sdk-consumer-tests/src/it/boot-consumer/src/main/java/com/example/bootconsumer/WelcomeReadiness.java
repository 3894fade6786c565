package com.example.bootconsumer;

import dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/** Whether welcome flows can be launched now: the flowexec health indicator, read by the application. */
@Component
public class WelcomeReadiness {
  private final FlowexecHealthIndicator flowexec;

  public WelcomeReadiness(FlowexecHealthIndicator flowexec) {
    this.flowexec = flowexec;
  }

  public boolean canWelcome() {
    Health health = flowexec.health();
    return Status.UP.equals(health.getStatus());
  }
}
