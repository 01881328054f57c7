// placeholder replaced by the simulator implementation
return 0;
