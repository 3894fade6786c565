package com.example.bootconsumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BootConsumerApplication {
  public static void main(String[] args) {
    SpringApplication.run(BootConsumerApplication.class, args);
  }
}
